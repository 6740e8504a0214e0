namespace ColonyQc.Synthetic.Rendering;

/// <summary>One row of a <see cref="SmoothNoise"/> at a time, for loops that walk a box row by row.</summary>
internal sealed class NoiseRowBuffer(SmoothNoise noise, int maxLength)
{
    private readonly float[] _values = new float[maxLength];
    private readonly float[] _columns = new float[noise.Columns];

    /// <summary>The noise along the last loaded row, indexed from its first x.</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <summary>Loads row <paramref name="y"/> from x0 for <paramref name="length"/> pixels.</summary>
    public ReadOnlySpan<float> Load(int y, int x0, int length)
    {
        noise.SampleRow(y, x0, _values.AsSpan(0, length), _columns);
        return _values.AsSpan(0, length);
    }
}
