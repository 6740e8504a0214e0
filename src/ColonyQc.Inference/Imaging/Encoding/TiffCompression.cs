namespace ColonyQc.Inference.Imaging.Encoding;

/// <summary>TIFF compression schemes the encoder writes; the values are the TIFF Compression tag codes.</summary>
public enum TiffCompression
{
    /// <summary>Uncompressed (code 1).</summary>
    None = 1,

    /// <summary>LZW (code 5), optionally with the horizontal predictor.</summary>
    Lzw = 5,

    /// <summary>Deflate / zlib with the official code 8 ("Adobe Deflate").</summary>
    Deflate = 8,

    /// <summary>Deflate / zlib with the obsolete code 32946 that older writers still use.</summary>
    DeflateLegacy = 32946,

    /// <summary>PackBits run-length coding (code 32773).</summary>
    PackBits = 32773,
}
