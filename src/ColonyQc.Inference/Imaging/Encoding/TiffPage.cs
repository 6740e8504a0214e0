namespace ColonyQc.Inference.Imaging.Encoding;

/// <summary>One page (image file directory) for <see cref="TiffEncoder.EncodePages"/>: interleaved samples, row-major.</summary>
public sealed class TiffPage
{
    private TiffPage(int width, int height, ReadOnlyMemory<byte> samples8, ReadOnlyMemory<ushort> samples16, int bitsPerSample)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        Samples8 = samples8;
        Samples16 = samples16;
        BitsPerSample = bitsPerSample;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>8 or 16.</summary>
    public int BitsPerSample { get; }

    /// <summary>The 8-bit samples (empty for a 16-bit page).</summary>
    public ReadOnlyMemory<byte> Samples8 { get; }

    /// <summary>The 16-bit samples (empty for an 8-bit page).</summary>
    public ReadOnlyMemory<ushort> Samples16 { get; }

    /// <summary>An 8-bit page.</summary>
    public static TiffPage From8(ReadOnlyMemory<byte> samples, int width, int height) => new(width, height, samples, ReadOnlyMemory<ushort>.Empty, 8);

    /// <summary>A 16-bit page.</summary>
    public static TiffPage From16(ReadOnlyMemory<ushort> samples, int width, int height) => new(width, height, ReadOnlyMemory<byte>.Empty, samples, 16);
}
