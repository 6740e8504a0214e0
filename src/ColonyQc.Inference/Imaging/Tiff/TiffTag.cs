namespace ColonyQc.Inference.Imaging.Tiff;

/// <summary>The TIFF 6.0 tag numbers the decoder reads.</summary>
internal static class TiffTag
{
    public const int ImageWidth = 256;
    public const int ImageLength = 257;
    public const int BitsPerSample = 258;
    public const int Compression = 259;
    public const int Photometric = 262;
    public const int FillOrder = 266;
    public const int StripOffsets = 273;
    public const int SamplesPerPixel = 277;
    public const int RowsPerStrip = 278;
    public const int StripByteCounts = 279;
    public const int XResolution = 282;
    public const int YResolution = 283;
    public const int PlanarConfiguration = 284;
    public const int ResolutionUnit = 296;
    public const int Predictor = 317;
    public const int ColorMap = 320;
    public const int TileWidth = 322;
    public const int TileLength = 323;
    public const int TileOffsets = 324;
    public const int TileByteCounts = 325;
    public const int ExtraSamples = 338;
    public const int SampleFormat = 339;
}
