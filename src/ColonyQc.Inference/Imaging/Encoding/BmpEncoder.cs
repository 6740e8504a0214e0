using System.Buffers.Binary;

namespace ColonyQc.Inference.Imaging.Encoding;

/// <summary>Writes uncompressed Windows BMP files (BITMAPINFOHEADER): 8-bit grey palette, 24-bit or 32-bit.</summary>
public static class BmpEncoder
{
    private const int FileHeaderSize = 14;
    private const int InfoHeaderSize = 40;

    /// <summary>
    /// Encodes row-major samples: grey bytes for 8 bits per pixel, RGB triples for 24, RGBA quads for 32
    /// (stored as BGR / BGRA as BMP requires).
    /// </summary>
    public static byte[] Encode(ReadOnlySpan<byte> samples, int width, int height, BmpEncoderOptions? options = null)
    {
        options ??= new BmpEncoderOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var bpp = options.BitsPerPixel;
        if (bpp is not (8 or 24 or 32))
        {
            throw new ArgumentException("BMP BitsPerPixel must be 8, 24 or 32", nameof(options));
        }

        var channels = bpp / 8;
        if (samples.Length < (long)width * height * channels)
        {
            throw new ArgumentException($"expected {(long)width * height * channels} samples, got {samples.Length}", nameof(samples));
        }

        var stride = ((width * bpp) + 31) / 32 * 4;
        var paletteSize = bpp == 8 ? 256 * 4 : 0;
        var pixelOffset = FileHeaderSize + InfoHeaderSize + paletteSize;
        var bytes = new byte[pixelOffset + (stride * height)];
        var span = bytes.AsSpan();
        span[0] = (byte)'B';
        span[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(span[2..], bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[10..], pixelOffset);
        BinaryPrimitives.WriteInt32LittleEndian(span[14..], InfoHeaderSize);
        BinaryPrimitives.WriteInt32LittleEndian(span[18..], width);
        BinaryPrimitives.WriteInt32LittleEndian(span[22..], options.TopDown ? -height : height);
        BinaryPrimitives.WriteInt16LittleEndian(span[26..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[28..], (short)bpp);
        BinaryPrimitives.WriteInt32LittleEndian(span[34..], stride * height);
        BinaryPrimitives.WriteInt32LittleEndian(span[38..], 2835);
        BinaryPrimitives.WriteInt32LittleEndian(span[42..], 2835);
        if (bpp == 8)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[46..], 256);
            for (var i = 0; i < 256; i++)
            {
                var entry = span.Slice(FileHeaderSize + InfoHeaderSize + (i * 4), 4);
                entry[0] = entry[1] = entry[2] = (byte)i;
            }
        }

        for (var y = 0; y < height; y++)
        {
            var fileRow = options.TopDown ? y : height - 1 - y;
            var dst = span.Slice(pixelOffset + (fileRow * stride), width * channels);
            var src = samples.Slice(y * width * channels, width * channels);
            if (channels == 1)
            {
                src.CopyTo(dst);
                continue;
            }

            for (var x = 0; x < width; x++)
            {
                var p = x * channels;
                dst[p] = src[p + 2];
                dst[p + 1] = src[p + 1];
                dst[p + 2] = src[p];
                if (channels == 4)
                {
                    dst[p + 3] = src[p + 3];
                }
            }
        }

        return bytes;
    }
}
