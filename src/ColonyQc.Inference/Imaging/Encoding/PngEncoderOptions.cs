namespace ColonyQc.Inference.Imaging.Encoding;

/// <summary>How <see cref="PngEncoder"/> writes a file. Immutable; the default is 8-bit grey, Up filter, not interlaced.</summary>
public sealed record PngEncoderOptions
{
    /// <summary>Sample layout of the input: Grey, GreyAlpha, Palette (indices, needs <see cref="Palette"/>), Rgb or Rgba.</summary>
    public ChannelLayout Layout { get; init; } = ChannelLayout.Grey;

    /// <summary>
    /// Bits per sample for 8-bit input: 8, or 1/2/4 for Grey and Palette (input values must then fit those bits;
    /// they are given one per byte and packed by the encoder). 16-bit input always writes 16.
    /// </summary>
    public int BitDepth { get; init; } = 8;

    /// <summary>Palette entries as red, green, blue byte triples (at most 256 entries) for <see cref="ChannelLayout.Palette"/>.</summary>
    public IReadOnlyList<byte>? Palette { get; init; }

    /// <summary>Scale written as a pHYs chunk in pixels per metre; null writes none.</summary>
    public double? UmPerPixel { get; init; }

    /// <summary>The row filter.</summary>
    public PngRowFilter Filter { get; init; } = PngRowFilter.Up;

    /// <summary>Write Adam7-interlaced rows.</summary>
    public bool Interlaced { get; init; }
}
