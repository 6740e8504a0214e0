namespace ColonyQc.Inference.Imaging.Encoding;

/// <summary>How <see cref="TiffEncoder"/> lays out a file. Immutable; the defaults write one uncompressed grey strip set.</summary>
public sealed record TiffEncoderOptions
{
    /// <summary>Sample layout of the input: Grey, GreyAlpha, Palette (indices, needs <see cref="ColourMap"/>), Rgb or Rgba.</summary>
    public ChannelLayout Layout { get; init; } = ChannelLayout.Grey;

    /// <summary>Compression of every strip or tile.</summary>
    public TiffCompression Compression { get; init; } = TiffCompression.None;

    /// <summary>Apply the horizontal differencing predictor (Predictor = 2) before compression.</summary>
    public bool HorizontalPredictor { get; init; }

    /// <summary>Rows per strip; 0 chooses strips of about 64 KB. Ignored when tiles are written.</summary>
    public int RowsPerStrip { get; init; }

    /// <summary>Tile width in pixels (a multiple of 16); 0 writes strips instead of tiles.</summary>
    public int TileWidth { get; init; }

    /// <summary>Tile height in pixels (a multiple of 16); used with <see cref="TileWidth"/>.</summary>
    public int TileHeight { get; init; }

    /// <summary>Scale written as XResolution/YResolution; null writes no resolution tags.</summary>
    public double? UmPerPixel { get; init; }

    /// <summary>The ResolutionUnit written with <see cref="UmPerPixel"/>.</summary>
    public TiffResolutionUnit ResolutionUnit { get; init; } = TiffResolutionUnit.Centimetre;

    /// <summary>Write a big-endian ("MM") file instead of little-endian ("II").</summary>
    public bool BigEndian { get; init; }

    /// <summary>
    /// Write PhotometricInterpretation 0 (WhiteIsZero) for grey input: samples are stored exactly as given,
    /// so a reader must invert them to get the grey the writer meant.
    /// </summary>
    public bool MinIsWhite { get; init; }

    /// <summary>
    /// The palette for <see cref="ChannelLayout.Palette"/>: 3 * 2^bits 16-bit values, all reds, then all greens,
    /// then all blues (the TIFF ColorMap order).
    /// </summary>
    public IReadOnlyList<ushort>? ColourMap { get; init; }
}
