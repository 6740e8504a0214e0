namespace ColonyQc.Inference.Imaging;

/// <summary>Containers ColonyQc decodes, recognised by content (magic bytes), never by extension.</summary>
public enum ImageFormatKind
{
    /// <summary>TIFF (classic, little or big endian).</summary>
    Tiff,

    /// <summary>PNG.</summary>
    Png,

    /// <summary>JPEG (baseline or progressive).</summary>
    Jpeg,

    /// <summary>Windows BMP.</summary>
    Bmp,

    /// <summary>GIF (first frame only).</summary>
    Gif,

    /// <summary>WebP (lossy or lossless).</summary>
    Webp,

    /// <summary>Truevision TGA.</summary>
    Tga,

    /// <summary>Netpbm: PBM, PGM (8 or 16 bit) or PPM, plain or raw.</summary>
    Pbm,
}
