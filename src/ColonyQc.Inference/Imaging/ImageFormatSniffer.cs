namespace ColonyQc.Inference.Imaging;

/// <summary>Recognises a container from its first bytes. File extensions are never consulted.</summary>
internal static class ImageFormatSniffer
{
    /// <summary>Bytes needed to recognise every supported format (TGA's header is 18 bytes).</summary>
    public const int HeaderLength = 18;

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

        if (header.Length >= 6 && (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8)))
        {
            return ImageFormatKind.Gif;
        }

        if (header.Length >= 12 && header.StartsWith("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
        {
            return ImageFormatKind.Webp;
        }

        // Netpbm: 'P', the kind (1-6: bitmap, grey, colour; plain text or raw), then whitespace or a comment.
        if (header.Length >= 3 && header[0] == (byte)'P' && header[1] is >= (byte)'1' and <= (byte)'6' && header[2] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'#')
        {
            return ImageFormatKind.Pbm;
        }

        return LooksLikeTga(header) ? ImageFormatKind.Tga : null;
    }

    /// <summary>
    /// TGA has no magic number, so its 18-byte header must be self-consistent: a colour-map flag of 0 or 1, a
    /// known image type (colour-mapped, true-colour or grey, raw or run-length), colour-map fields that are
    /// zero when there is no map, a non-zero size and a standard pixel depth. Random bytes pass that about
    /// once in 10^10; it is checked last, after every format with a signature.
    /// </summary>
    private static bool LooksLikeTga(ReadOnlySpan<byte> header)
    {
        if (header.Length < 18 || header[1] > 1 || header[2] is not (1 or 2 or 3 or 9 or 10 or 11))
        {
            return false;
        }

        var mapped = header[2] is 1 or 9;
        if (mapped != (header[1] == 1) || (!mapped && (header[3] | header[4] | header[5] | header[6] | header[7]) != 0))
        {
            return false;
        }

        var width = header[12] | (header[13] << 8);
        var height = header[14] | (header[15] << 8);
        return width > 0 && height > 0 && header[16] is 8 or 15 or 16 or 24 or 32 && (header[17] & 0xC0) == 0;
    }
}
