namespace ColonyQc.Inference.Imaging.Encoding;

/// <summary>How <see cref="BmpEncoder"/> writes a file. Immutable; the default is an 8-bit grey-palette, bottom-up BMP.</summary>
public sealed record BmpEncoderOptions
{
    /// <summary>8 (grey palette; input is one grey byte per pixel), 24 (input is RGB) or 32 (input is RGBA).</summary>
    public int BitsPerPixel { get; init; } = 8;

    /// <summary>Store rows top-down (negative height) instead of the usual bottom-up order.</summary>
    public bool TopDown { get; init; }
}
