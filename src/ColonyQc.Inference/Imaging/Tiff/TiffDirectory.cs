namespace ColonyQc.Inference.Imaging.Tiff;

/// <summary>The parsed first image file directory: everything needed to find and decode its pixels.</summary>
internal sealed class TiffDirectory
{
    public int Width { get; init; }

    public int Height { get; init; }

    public int BitsPerSample { get; init; }

    public int SamplesPerPixel { get; init; }

    public int Compression { get; init; }

    public int Photometric { get; init; }

    public bool Planar { get; init; }

    public int Predictor { get; init; }

    public int SampleFormat { get; init; }

    public int FillOrder { get; init; }

    public int RowsPerStrip { get; init; }

    public int TileWidth { get; init; }

    public int TileHeight { get; init; }

    public bool Tiled => TileWidth > 0;

    public required uint[] Offsets { get; init; }

    public uint[]? ByteCounts { get; init; }

    public ushort[]? ColourMap { get; init; }

    public double? XResolution { get; init; }

    public int ResolutionUnit { get; init; }

    public int PageCount { get; init; }
}
