using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace ColonyQc.Inference.Imaging.Encoding;

/// <summary>
/// Writes baseline TIFF files: uncompressed, LZW (with or without the horizontal predictor), Deflate or
/// PackBits; strips or tiles; 8/16-bit grey, grey+alpha, palette, RGB, RGBA; resolution tags from um/px;
/// one or many pages. Used by the simulator, the tests and the codec benchmark.
/// </summary>
public static class TiffEncoder
{
    private const ushort TypeShort = 3;
    private const ushort TypeLong = 4;
    private const ushort TypeRational = 5;

    /// <summary>Encodes one 8-bit page of interleaved samples (row-major, <c>width * samplesPerPixel</c> per row).</summary>
    public static byte[] Encode(ReadOnlySpan<byte> samples, int width, int height, TiffEncoderOptions? options = null)
        => EncodePages([TiffPage.From8(samples.ToArray(), width, height)], options);

    /// <summary>Encodes one 16-bit page of interleaved samples (row-major, <c>width * samplesPerPixel</c> per row).</summary>
    public static byte[] Encode(ReadOnlySpan<ushort> samples, int width, int height, TiffEncoderOptions? options = null)
        => EncodePages([TiffPage.From16(samples.ToArray(), width, height)], options);

    /// <summary>Encodes several pages (one IFD each, chained in order) with the same options.</summary>
    public static byte[] EncodePages(IReadOnlyList<TiffPage> pages, TiffEncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentOutOfRangeException.ThrowIfZero(pages.Count);
        options ??= new TiffEncoderOptions();
        Validate(options);
        var writer = new EndianBufferWriter(options.BigEndian);
        if (options.BigEndian)
        {
            writer.WriteBytes("MM"u8);
        }
        else
        {
            writer.WriteBytes("II"u8);
        }

        writer.WriteU16(42);
        var nextIfdPointer = writer.Length;
        writer.WriteU32(0);
        foreach (var page in pages)
        {
            var (ifdOffset, nextPointer) = page.BitsPerSample == 8
                ? WritePage(writer, page.Samples8.Span, page, options)
                : WritePage(writer, page.Samples16.Span, page, options);
            writer.PatchU32(nextIfdPointer, (uint)ifdOffset);
            nextIfdPointer = nextPointer;
        }

        return writer.ToArray();
    }

    private static void Validate(TiffEncoderOptions options)
    {
        if ((options.TileWidth == 0) != (options.TileHeight == 0) || options.TileWidth % 16 != 0 || options.TileHeight % 16 != 0)
        {
            throw new ArgumentException("TileWidth and TileHeight must both be 0 or both positive multiples of 16.", nameof(options));
        }

        if (options.RowsPerStrip < 0)
        {
            throw new ArgumentException("RowsPerStrip must be 0 (automatic) or positive.", nameof(options));
        }

        if (options.UmPerPixel is { } um && !(um > 0 && double.IsFinite(um)))
        {
            throw new ArgumentException("UmPerPixel must be positive and finite.", nameof(options));
        }
    }

    private static int SamplesPerPixel(ChannelLayout layout) => layout switch
    {
        ChannelLayout.Grey or ChannelLayout.Palette => 1,
        ChannelLayout.GreyAlpha => 2,
        ChannelLayout.Rgb => 3,
        ChannelLayout.Rgba => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(layout), layout, "unknown channel layout"),
    };

    private static (int IfdOffset, int NextPointer) WritePage<T>(EndianBufferWriter writer, ReadOnlySpan<T> samples, TiffPage page, TiffEncoderOptions options)
        where T : unmanaged, IBinaryInteger<T>
    {
        var spp = SamplesPerPixel(options.Layout);
        var bytesPerSample = page.BitsPerSample / 8;
        if (samples.Length < (long)page.Width * page.Height * spp)
        {
            throw new ArgumentException($"expected {(long)page.Width * page.Height * spp} samples for {page.Width}x{page.Height}x{spp}, got {samples.Length}", nameof(samples));
        }

        if (options.Layout == ChannelLayout.Palette && options.ColourMap?.Count != 3 << page.BitsPerSample)
        {
            throw new ArgumentException($"a palette page of {page.BitsPerSample} bits needs a ColourMap of {3 << page.BitsPerSample} values", nameof(options));
        }

        var tiled = options.TileWidth > 0;
        var chunkWidth = tiled ? options.TileWidth : page.Width;
        var rowsPerStrip = options.RowsPerStrip > 0
            ? Math.Min(options.RowsPerStrip, page.Height)
            : Math.Clamp(65536 / (page.Width * spp * bytesPerSample), 1, page.Height);
        var chunkHeight = tiled ? options.TileHeight : rowsPerStrip;
        var across = tiled ? (page.Width + chunkWidth - 1) / chunkWidth : 1;
        var down = (page.Height + chunkHeight - 1) / chunkHeight;
        var offsets = new uint[across * down];
        var counts = new uint[across * down];
        var chunk = new T[chunkWidth * chunkHeight * spp];
        var chunkRow = chunkWidth * spp;
        for (var cy = 0; cy < down; cy++)
        {
            for (var cx = 0; cx < across; cx++)
            {
                // Strips hold only the rows that exist; tiles are always full size, padded with zeros.
                var rows = tiled ? chunkHeight : Math.Min(chunkHeight, page.Height - (cy * chunkHeight));
                var used = chunk.AsSpan(0, rows * chunkRow);
                used.Clear();
                var x0 = cx * chunkWidth;
                var copyWidth = Math.Min(chunkWidth, page.Width - x0) * spp;
                for (var r = 0; r < rows; r++)
                {
                    var y = (cy * chunkHeight) + r;
                    if (y < page.Height)
                    {
                        samples.Slice(((y * page.Width) + x0) * spp, copyWidth).CopyTo(used.Slice(r * chunkRow));
                    }
                }

                if (options.HorizontalPredictor)
                {
                    ApplyHorizontalDifferencing(used, chunkRow, spp);
                }

                var bytes = ToFileOrder(used, options.BigEndian);
                writer.AlignToWord();
                var index = (cy * across) + cx;
                offsets[index] = (uint)writer.Length;
                WriteCompressed(writer, bytes, chunkRow * bytesPerSample, options.Compression);
                counts[index] = (uint)(writer.Length - offsets[index]);
            }
        }

        writer.AlignToWord();
        return WriteDirectory(writer, page, options, spp, rowsPerStrip, offsets, counts);
    }

    private static void ApplyHorizontalDifferencing<T>(Span<T> chunk, int rowLength, int spp)
        where T : unmanaged, IBinaryInteger<T>
    {
        for (var start = 0; start < chunk.Length; start += rowLength)
        {
            var row = chunk.Slice(start, rowLength);
            for (var i = row.Length - 1; i >= spp; i--)
            {
                row[i] -= row[i - spp];
            }
        }
    }

    private static byte[] ToFileOrder<T>(Span<T> samples, bool bigEndian)
        where T : unmanaged, IBinaryInteger<T>
    {
        var bytes = MemoryMarshal.AsBytes(samples).ToArray();
        if (typeof(T) == typeof(ushort) && bigEndian == BitConverter.IsLittleEndian)
        {
            var words = MemoryMarshal.Cast<byte, ushort>(bytes.AsSpan());
            BinaryPrimitives.ReverseEndianness(words, words);
        }

        return bytes;
    }

    private static void WriteCompressed(EndianBufferWriter writer, byte[] bytes, int rowBytes, TiffCompression compression)
    {
        switch (compression)
        {
            case TiffCompression.None:
                writer.WriteBytes(bytes);
                break;
            case TiffCompression.Lzw:
                LzwEncoder.Encode(bytes, writer);
                break;
            case TiffCompression.Deflate:
            case TiffCompression.DeflateLegacy:
                writer.WriteBytes(ZlibCompressor.Compress(bytes));
                break;
            case TiffCompression.PackBits:
                for (var start = 0; start < bytes.Length; start += rowBytes)
                {
                    PackBitsEncoder.EncodeRow(bytes.AsSpan(start, rowBytes), writer);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(compression), compression, "unknown TIFF compression");
        }
    }

    private static (int IfdOffset, int NextPointer) WriteDirectory(
        EndianBufferWriter writer, TiffPage page, TiffEncoderOptions options, int spp, int rowsPerStrip, uint[] offsets, uint[] counts)
    {
        var bigEndian = options.BigEndian;
        var entries = new List<(ushort Tag, ushort Type, uint Count, byte[] Value)>
        {
            (256, TypeLong, 1, Longs(bigEndian, (uint)page.Width)),
            (257, TypeLong, 1, Longs(bigEndian, (uint)page.Height)),
            (258, TypeShort, (uint)spp, Shorts(bigEndian, Enumerable.Repeat((ushort)page.BitsPerSample, spp).ToArray())),
            (259, TypeShort, 1, Shorts(bigEndian, (ushort)options.Compression)),
            (262, TypeShort, 1, Shorts(bigEndian, Photometric(options))),
            (277, TypeShort, 1, Shorts(bigEndian, (ushort)spp)),
            (284, TypeShort, 1, Shorts(bigEndian, 1)),
        };
        if (options.TileWidth > 0)
        {
            entries.Add((322, TypeLong, 1, Longs(bigEndian, (uint)options.TileWidth)));
            entries.Add((323, TypeLong, 1, Longs(bigEndian, (uint)options.TileHeight)));
            entries.Add((324, TypeLong, (uint)offsets.Length, Longs(bigEndian, offsets)));
            entries.Add((325, TypeLong, (uint)counts.Length, Longs(bigEndian, counts)));
        }
        else
        {
            entries.Add((273, TypeLong, (uint)offsets.Length, Longs(bigEndian, offsets)));
            entries.Add((278, TypeLong, 1, Longs(bigEndian, (uint)rowsPerStrip)));
            entries.Add((279, TypeLong, (uint)counts.Length, Longs(bigEndian, counts)));
        }

        if (options.UmPerPixel is { } um)
        {
            var perUnit = (options.ResolutionUnit == TiffResolutionUnit.Inch ? 25_400.0 : 10_000.0) / um;
            var resolution = Rational(bigEndian, perUnit);
            entries.Add((282, TypeRational, 1, resolution));
            entries.Add((283, TypeRational, 1, resolution));
            entries.Add((296, TypeShort, 1, Shorts(bigEndian, (ushort)options.ResolutionUnit)));
        }

        if (options.HorizontalPredictor)
        {
            entries.Add((317, TypeShort, 1, Shorts(bigEndian, 2)));
        }

        if (options.Layout == ChannelLayout.Palette)
        {
            entries.Add((320, TypeShort, (uint)options.ColourMap!.Count, Shorts(bigEndian, [.. options.ColourMap])));
        }

        if (options.Layout is ChannelLayout.GreyAlpha or ChannelLayout.Rgba)
        {
            // 2 = unassociated alpha.
            entries.Add((338, TypeShort, 1, Shorts(bigEndian, 2)));
        }

        entries.Sort((a, b) => a.Tag.CompareTo(b.Tag));
        var ifdOffset = writer.Length;
        var overflow = ifdOffset + 2 + (12 * entries.Count) + 4;
        var overflowData = new List<byte[]>();
        writer.WriteU16((ushort)entries.Count);
        foreach (var (tag, type, count, value) in entries)
        {
            writer.WriteU16(tag);
            writer.WriteU16(type);
            writer.WriteU32(count);
            if (value.Length <= 4)
            {
                writer.WriteBytes(value);
                writer.WriteBytes(new byte[4 - value.Length]);
            }
            else
            {
                writer.WriteU32((uint)overflow);
                overflowData.Add(value);
                overflow += value.Length + (value.Length & 1);
            }
        }

        var nextPointer = writer.Length;
        writer.WriteU32(0);
        foreach (var value in overflowData)
        {
            writer.WriteBytes(value);
            writer.AlignToWord();
        }

        return (ifdOffset, nextPointer);
    }

    private static ushort Photometric(TiffEncoderOptions options) => options.Layout switch
    {
        ChannelLayout.Grey or ChannelLayout.GreyAlpha => (ushort)(options.MinIsWhite ? 0 : 1),
        ChannelLayout.Palette => 3,
        _ => 2,
    };

    private static byte[] Shorts(bool bigEndian, params ushort[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            if (bigEndian)
            {
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(i * 2), values[i]);
            }
            else
            {
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), values[i]);
            }
        }

        return bytes;
    }

    private static byte[] Longs(bool bigEndian, params uint[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            if (bigEndian)
            {
                BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(i * 4), values[i]);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), values[i]);
            }
        }

        return bytes;
    }

    private static byte[] Rational(bool bigEndian, double value)
    {
        // Keep four decimals where the numerator still fits a 32-bit value.
        uint denominator = 10_000;
        while (denominator > 1 && value * denominator > uint.MaxValue)
        {
            denominator /= 10;
        }

        var numerator = (uint)Math.Min(uint.MaxValue, Math.Round(value * denominator));
        return Longs(bigEndian, numerator, denominator);
    }
}
