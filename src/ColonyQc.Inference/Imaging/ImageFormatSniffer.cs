namespace ColonyQc.Inference.Imaging;

/// <summary>Recognises a container from its first bytes. File extensions are never consulted.</summary>
internal static class ImageFormatSniffer
{
    /// <summary>Bytes needed to recognise every supported format.</summary>
    public const int HeaderLength = 8;

    public static ImageFormatKind? Detect(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 4 && (header.StartsWith("II*\0"u8) || header.StartsWith("MM\0*"u8) || header.StartsWith("II+\0"u8) || header.StartsWith("MM\0+"u8)))
        {
            return ImageFormatKind.Tiff;
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ImageFormatKind.Png;
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return ImageFormatKind.Jpeg;
        }

        // "BM" alone is common at the start of text; require a plausible info-header size too when present.
        if (header.StartsWith("BM"u8) && (header.Length < 15 || header[14] is 12 or 40 or 52 or 56 or 64 or 108 or 124))
        {
            return ImageFormatKind.Bmp;
        }

        return null;
    }
}
