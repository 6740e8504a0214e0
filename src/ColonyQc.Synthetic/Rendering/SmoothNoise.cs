using ColonyQc.Synthetic.Randomness;

namespace ColonyQc.Synthetic.Rendering;

/// <summary>
/// Value noise: random values on a coarse lattice, interpolated with a smoothstep, giving a
/// smooth random field with features about <c>cellPixels</c> across. Used for thickness
/// variation, lighter patches, holes, necrotic centres and background texture; cheap enough to
/// evaluate per pixel when sampled a row at a time (<see cref="SampleRow"/>).
/// </summary>
internal sealed class SmoothNoise
{
    private readonly float[] _lattice;
    private readonly int _columns;
    private readonly int _rows;
    private readonly float _inverseCell;
    private readonly float _originX;
    private readonly float _originY;

    /// <summary>Covers the rectangle (x0, y0)-(x0+width, y0+height) in pixels with features <paramref name="cellPixels"/> across; values in [-1, 1].</summary>
    public SmoothNoise(FieldRandom random, float x0, float y0, float width, float height, float cellPixels)
    {
        var cell = Math.Max(cellPixels, 1f);
        _inverseCell = 1f / cell;
        _originX = x0;
        _originY = y0;
        _columns = (int)Math.Ceiling(width / cell) + 2;
        _rows = (int)Math.Ceiling(height / cell) + 2;
        _lattice = new float[_columns * _rows];
        for (var i = 0; i < _lattice.Length; i++)
        {
            _lattice[i] = (float)((random.NextDouble() * 2.0) - 1.0);
        }
    }

    /// <summary>
    /// Writes the noise along row <paramref name="y"/> for x = <paramref name="x0"/> .. x0 + length - 1:
    /// the vertical blend is done once per lattice column, leaving one lerp per pixel.
    /// </summary>
    public void SampleRow(int y, int x0, Span<float> destination, Span<float> columnScratch)
    {
        var gy = Math.Clamp((y - _originY) * _inverseCell, 0f, _rows - 1.001f);
        var iy = (int)gy;
        var fy = gy - iy;
        fy = fy * fy * (3f - (2f * fy));
        var top = _lattice.AsSpan(iy * _columns, _columns);
        var bottom = _lattice.AsSpan((iy + 1) * _columns, _columns);
        var columns = columnScratch[.._columns];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = top[i] + ((bottom[i] - top[i]) * fy);
        }

        for (var i = 0; i < destination.Length; i++)
        {
            var gx = Math.Clamp((x0 + i - _originX) * _inverseCell, 0f, _columns - 1.001f);
            var ix = (int)gx;
            var fx = gx - ix;
            fx = fx * fx * (3f - (2f * fx));
            destination[i] = columns[ix] + ((columns[ix + 1] - columns[ix]) * fx);
        }
    }

    /// <summary>Lattice columns: the scratch length <see cref="SampleRow"/> needs.</summary>
    public int Columns => _columns;
}
