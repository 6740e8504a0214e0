using System.Buffers.Binary;
using ColonyQc.Inference.Imaging.Pixels;

namespace ColonyQc.Inference.Imaging.Bmp;

/// <summary>
/// In-house BMP decoder: BITMAPINFOHEADER and its V4/V5 extensions, uncompressed 8-bit palette, 24-bit and
/// 32-bit (BI_RGB, or BI_BITFIELDS with the standard BGRA masks), bottom-up or top-down rows.
/// </summary>
internal static class BmpDecoder
{
    private const int FileHeaderSize = 14;

    public static GreyImage Decode(ReadOnlySpan<byte> data, string name, DecodeOptions options)
    {
        if (data.Length < FileHeaderSize + 40)
        {
            ImageDefect.Throw(name, $"BMP header is truncated: expected at least {FileHeaderSize + 40} bytes, found {data.Length}");
        }

        var pixelOffset = BinaryPrimitives.ReadUInt32LittleEndian(data[10..]);
        var infoSize = BinaryPrimitives.ReadInt32LittleEndian(data[14..]);
        if (infoSize is not (40 or 52 or 56 or 108 or 124))
        {
            ImageDefect.Throw(name, $"BMP info header of {infoSize} bytes is not supported (BITMAPINFOHEADER, V4 and V5 are)");
        }

        if (data.Length < FileHeaderSize + infoSize)
        {
            ImageDefect.Throw(name, $"BMP info header is truncated: expected {FileHeaderSize + infoSize} bytes, found {data.Length}");
        }

        var width = BinaryPrimitives.ReadInt32LittleEndian(data[18..]);
        var rawHeight = BinaryPrimitives.ReadInt32LittleEndian(data[22..]);
        var bitsPerPixel = BinaryPrimitives.ReadUInt16LittleEndian(data[28..]);
        var compression = BinaryPrimitives.ReadUInt32LittleEndian(data[30..]);
        var coloursUsed = BinaryPrimitives.ReadUInt32LittleEndian(data[46..]);
        var topDown = rawHeight < 0;
        var height = rawHeight == int.MinValue ? 0 : Math.Abs(rawHeight);
        ImageDefect.CheckPixelLimit(name, "BMP", width, height, options);
        if (bitsPerPixel is not (8 or 24 or 32))
        {
            ImageDefect.Throw(name, $"{bitsPerPixel}-bit BMP is not supported (8, 24 and 32 are)");
        }

        var bitfields = compression == 3 && bitsPerPixel == 32;
        if (compression != 0 && !bitfields)
        {
            ImageDefect.Throw(name, $"BMP compression {compression} (RLE or embedded JPEG/PNG) is not supported (uncompressed is)");
        }

        if (bitfields && !StandardMasks(data))
        {
            ImageDefect.Throw(name, "32-bit BMP with non-standard colour masks is not supported");
        }

        var stride = (((long)width * bitsPerPixel) + 31) / 32 * 4;
        if (pixelOffset + (stride * height) > data.Length)
        {
            ImageDefect.Throw(name, $"BMP pixel data is truncated: expected {stride * height} bytes at offset {pixelOffset}, found {Math.Max(0, data.Length - pixelOffset)}");
        }

        byte[]? lut = null;
        if (bitsPerPixel == 8)
        {
            var entries = coloursUsed is 0 or > 256 ? 256 : (int)coloursUsed;
            var paletteStart = FileHeaderSize + infoSize;
            entries = Math.Min(entries, (int)Math.Max(0, ((long)pixelOffset - paletteStart) / 4));
            if (entries == 0)
            {
                ImageDefect.Throw(name, "8-bit BMP has no colour table");
            }

            lut = new byte[256];
            for (var i = 0; i < entries; i++)
            {
                var entry = data.Slice(paletteStart + (i * 4), 4);
                lut[i] = Luminance.Of(entry[2], entry[1], entry[0]);
            }
        }

        var layout = bitsPerPixel switch { 8 => ChannelLayout.Palette, 24 => ChannelLayout.Rgb, _ => ChannelLayout.Rgba };
        var image = GreyImage.Create8(width, height, new ImageMetadata(ImageFormatKind.Bmp, layout, width, height, 8));
        var pixels = image.Pixels8;
        var bytesPerPixel = bitsPerPixel / 8;
        for (var y = 0; y < height; y++)
        {
            var fileRow = topDown ? y : height - 1 - y;
            var source = data.Slice((int)(pixelOffset + (fileRow * stride)), width * bytesPerPixel);
            var destination = pixels.Slice(y * width, width);
            if (lut is not null)
            {
                source.CopyTo(destination);
                LookupTable.ApplyInPlace(destination, lut);
            }
            else
            {
                for (int x = 0, s = 0; x < width; x++, s += bytesPerPixel)
                {
                    destination[x] = Luminance.Of(source[s + 2], source[s + 1], source[s]);
                }
            }
        }

        return image;
    }

    private static bool StandardMasks(ReadOnlySpan<byte> data)
    {
        // BITMAPINFOHEADER keeps its masks right after the header; V4/V5 keep them inside it at the same place.
        var at = FileHeaderSize + 40;
        if (data.Length < at + 12)
        {
            return false;
        }

        return BinaryPrimitives.ReadUInt32LittleEndian(data[at..]) == 0x00FF0000
            && BinaryPrimitives.ReadUInt32LittleEndian(data[(at + 4)..]) == 0x0000FF00
            && BinaryPrimitives.ReadUInt32LittleEndian(data[(at + 8)..]) == 0x000000FF;
    }
}
