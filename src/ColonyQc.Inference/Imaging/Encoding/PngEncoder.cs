using System.Buffers.Binary;
using ColonyQc.Inference.Imaging.Png;

namespace ColonyQc.Inference.Imaging.Encoding;

/// <summary>
/// Writes PNG files: grey (1/2/4/8/16-bit), grey+alpha, RGB, RGBA, palette; any of the five row filters;
/// optional Adam7 interlacing and pHYs scale. Compression via <see cref="System.IO.Compression.ZLibStream"/>.
/// </summary>
public static class PngEncoder
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Encodes 8-bit (or 1/2/4-bit, one value per byte) interleaved samples.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> samples, int width, int height, PngEncoderOptions? options = null)
    {
        options ??= new PngEncoderOptions();
        var spp = Check(options.Layout, options.BitDepth, width, height, samples.Length, options);
        var source = samples.ToArray();
        return Build(width, height, options, options.BitDepth, spp, (x, y, s) => source[(((y * width) + x) * spp) + s]);
    }

    /// <summary>Encodes 16-bit interleaved samples (Grey, GreyAlpha, Rgb or Rgba).</summary>
    public static byte[] Encode(ReadOnlySpan<ushort> samples, int width, int height, PngEncoderOptions? options = null)
    {
        options ??= new PngEncoderOptions();
        if (options.Layout == ChannelLayout.Palette)
        {
            throw new ArgumentException("PNG palettes hold at most 8-bit indices", nameof(options));
        }

        var spp = Check(options.Layout, 16, width, height, samples.Length, options);
        var source = samples.ToArray();
        return Build(width, height, options, 16, spp, (x, y, s) => source[(((y * width) + x) * spp) + s]);
    }

    private static int Check(ChannelLayout layout, int bitDepth, int width, int height, int sampleCount, PngEncoderOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var spp = layout switch
        {
            ChannelLayout.Grey or ChannelLayout.Palette => 1,
            ChannelLayout.GreyAlpha => 2,
            ChannelLayout.Rgb => 3,
            ChannelLayout.Rgba => 4,
            _ => throw new ArgumentOutOfRangeException(nameof(layout), layout, "unknown channel layout"),
        };
        var allowed = layout is ChannelLayout.Grey or ChannelLayout.Palette ? bitDepth is 1 or 2 or 4 or 8 or 16 : bitDepth is 8 or 16;
        if (!allowed || (layout == ChannelLayout.Palette && bitDepth == 16))
        {
            throw new ArgumentException($"PNG does not allow {bitDepth}-bit {layout}", nameof(options));
        }

        if (layout == ChannelLayout.Palette && (options.Palette is null || options.Palette.Count % 3 != 0 || options.Palette.Count == 0 || options.Palette.Count > 768))
        {
            throw new ArgumentException("a palette PNG needs 1-256 red, green, blue triples", nameof(options));
        }

        if (sampleCount < (long)width * height * spp)
        {
            throw new ArgumentException($"expected {(long)width * height * spp} samples, got {sampleCount}", nameof(options));
        }

        return spp;
    }

    private static byte[] Build(int width, int height, PngEncoderOptions options, int bitDepth, int spp, Func<int, int, int, int> sample)
    {
        using var output = new MemoryStream();
        output.Write(Signature);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = (byte)bitDepth;
        header[9] = options.Layout switch
        {
            ChannelLayout.Grey => 0,
            ChannelLayout.Rgb => 2,
            ChannelLayout.Palette => 3,
            ChannelLayout.GreyAlpha => 4,
            _ => 6,
        };
        header[12] = (byte)(options.Interlaced ? 1 : 0);
        WriteChunk(output, "IHDR", header);
        if (options.Layout == ChannelLayout.Palette)
        {
            WriteChunk(output, "PLTE", [.. options.Palette!]);
        }

        if (options.UmPerPixel is { } um)
        {
            var pixelsPerMetre = (uint)Math.Round(1_000_000.0 / um);
            var phys = new byte[9];
            BinaryPrimitives.WriteUInt32BigEndian(phys, pixelsPerMetre);
            BinaryPrimitives.WriteUInt32BigEndian(phys.AsSpan(4), pixelsPerMetre);
            phys[8] = 1;
            WriteChunk(output, "pHYs", phys);
        }

        using var scanlines = new MemoryStream();
        var bitsPerPixel = bitDepth * spp;
        var filterBytes = Math.Max(1, bitsPerPixel / 8);
        var rowIndex = 0;
        var passes = options.Interlaced ? 7 : 1;
        for (var pass = 0; pass < passes; pass++)
        {
            var (x0, y0, dx, dy) = options.Interlaced
                ? (Adam7.XStart[pass], Adam7.YStart[pass], Adam7.XStep[pass], Adam7.YStep[pass])
                : (0, 0, 1, 1);
            var passWidth = Adam7.Count(width, x0, dx);
            var passHeight = Adam7.Count(height, y0, dy);
            if (passWidth == 0 || passHeight == 0)
            {
                continue;
            }

            var rowBytes = ((passWidth * bitsPerPixel) + 7) / 8;
            var previous = new byte[rowBytes];
            var current = new byte[rowBytes];
            var filtered = new byte[rowBytes];
            for (var py = 0; py < passHeight; py++)
            {
                Array.Clear(current);
                var y = y0 + (py * dy);
                for (var px = 0; px < passWidth; px++)
                {
                    for (var s = 0; s < spp; s++)
                    {
                        Pack(current, (px * spp) + s, bitDepth, sample(x0 + (px * dx), y, s));
                    }
                }

                var filter = options.Filter == PngRowFilter.Cycle ? (byte)(rowIndex % 5) : (byte)options.Filter;
                rowIndex++;
                ApplyFilter(filter, current, previous, filtered, filterBytes);
                scanlines.WriteByte(filter);
                scanlines.Write(filtered);
                (previous, current) = (current, previous);
            }
        }

        WriteChunk(output, "IDAT", ZlibCompressor.Compress(scanlines.ToArray()));
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void Pack(byte[] row, int sampleIndex, int bitDepth, int value)
    {
        switch (bitDepth)
        {
            case 16:
                BinaryPrimitives.WriteUInt16BigEndian(row.AsSpan(sampleIndex * 2), (ushort)value);
                break;
            case 8:
                row[sampleIndex] = (byte)value;
                break;
            default:
                var perByte = 8 / bitDepth;
                var shift = 8 - (bitDepth * ((sampleIndex % perByte) + 1));
                row[sampleIndex / perByte] |= (byte)((value & ((1 << bitDepth) - 1)) << shift);
                break;
        }
    }

    private static void ApplyFilter(byte filter, byte[] current, byte[] previous, byte[] filtered, int bpp)
    {
        for (var i = 0; i < current.Length; i++)
        {
            int left = i >= bpp ? current[i - bpp] : 0;
            int up = previous[i];
            int upLeft = i >= bpp ? previous[i - bpp] : 0;
            var predicted = filter switch
            {
                0 => 0,
                1 => left,
                2 => up,
                3 => (left + up) >> 1,
                _ => Paeth(left, up, upLeft),
            };
            filtered[i] = (byte)(current[i] - predicted);
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typeAndData = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData, 4);
        output.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(length, PngCrc32.Compute(typeAndData));
        output.Write(length);
    }
}
