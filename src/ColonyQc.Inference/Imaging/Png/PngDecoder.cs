using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using ColonyQc.Inference.Imaging.Pixels;

namespace ColonyQc.Inference.Imaging.Png;

/// <summary>
/// In-house PNG decoder: every colour type and bit depth (1/2/4/8/16), all five filters, Adam7, pHYs.
/// Rows are inflated one at a time into two pooled row buffers and converted straight into the output
/// plane, so memory is the output plus two rows. tRNS is ignored (alpha carries no grey).
/// </summary>
internal static unsafe class PngDecoder
{
    private const int SignatureLength = 8;

    public static GreyImage Decode(ReadOnlySpan<byte> data, string name, DecodeOptions options)
    {
        var header = ReadChunks(data, name, options.VerifyChecksums, out var idat, out var palette, out var umPerPixel);
        ImageDefect.CheckPixelLimit(name, "PNG", header.Width, header.Height, options);
        var layout = header.ColourType switch
        {
            0 => ChannelLayout.Grey,
            2 => ChannelLayout.Rgb,
            3 => ChannelLayout.Palette,
            4 => ChannelLayout.GreyAlpha,
            _ => ChannelLayout.Rgba,
        };
        if (layout == ChannelLayout.Palette && palette.IsEmpty)
        {
            ImageDefect.Throw(name, "PNG palette image has no PLTE chunk");
        }

        var metadata = new ImageMetadata(ImageFormatKind.Png, layout, header.Width, header.Height, header.BitDepth, UmPerPixel: umPerPixel);
        var sixteen = header.BitDepth == 16;
        var image = sixteen ? GreyImage.Create16(header.Width, header.Height, metadata) : GreyImage.Create8(header.Width, header.Height, metadata);
        byte[]? joined = null;
        try
        {
            ReadOnlySpan<byte> compressed;
            if (idat.Count == 1)
            {
                compressed = data.Slice(idat[0].Offset, idat[0].Length);
            }
            else
            {
                var total = 0L;
                foreach (var (_, length) in idat)
                {
                    total += length;
                }

                joined = ArrayPool<byte>.Shared.Rent((int)Math.Min(total, Array.MaxLength));
                var at = 0;
                foreach (var (offset, length) in idat)
                {
                    data.Slice(offset, length).CopyTo(joined.AsSpan(at));
                    at += length;
                }

                compressed = joined.AsSpan(0, at);
            }

            var lut = layout == ChannelLayout.Palette ? PaletteToGrey(palette) : null;
            fixed (byte* pointer = compressed)
            {
                using var source = new UnmanagedMemoryStream(pointer, compressed.Length);
                using var zlib = new ZLibStream(source, CompressionMode.Decompress);
                DecodeRows(zlib, name, header, lut, image);
            }

            return image;
        }
        catch (InvalidDataException e)
        {
            image.Dispose();
            return ImageDefect.Throw<GreyImage>(name, $"PNG image data is corrupt: {e.Message}");
        }
        catch
        {
            image.Dispose();
            throw;
        }
        finally
        {
            if (joined is not null)
            {
                ArrayPool<byte>.Shared.Return(joined);
            }
        }
    }

    private readonly record struct Header(int Width, int Height, int BitDepth, int ColourType, bool Interlaced)
    {
        public int Channels => ColourType switch { 0 or 3 => 1, 2 => 3, 4 => 2, _ => 4 };
    }

    private static Header ReadChunks(
        ReadOnlySpan<byte> data, string name, bool verifyChecksums, out List<(int Offset, int Length)> idat, out ReadOnlySpan<byte> palette, out double? umPerPixel)
    {
        idat = [];
        palette = default;
        umPerPixel = null;
        Header? header = null;
        var position = SignatureLength;
        var sawEnd = false;
        while (!sawEnd)
        {
            if (position + 8 > data.Length)
            {
                ImageDefect.Throw(name, header is null
                    ? $"PNG is truncated before its IHDR header ({data.Length} bytes)"
                    : $"PNG is truncated at offset {position}: no IEND chunk (file has {data.Length} bytes)");
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(data[position..]);
            var type = data.Slice(position + 4, 4);
            var typeName = System.Text.Encoding.ASCII.GetString(type);
            if (position + 12L + length > data.Length)
            {
                ImageDefect.Throw(name, $"PNG chunk {typeName} at offset {position} is truncated: expected {length} bytes, found {Math.Max(0, data.Length - position - 12)}");
            }

            var body = data.Slice(position + 8, (int)length);
            if (verifyChecksums && PngCrc32.Compute(data.Slice(position + 4, (int)length + 4)) != BinaryPrimitives.ReadUInt32BigEndian(data[(position + 8 + (int)length)..]))
            {
                ImageDefect.Throw(name, $"PNG chunk {typeName} at offset {position} fails its CRC check: the file is corrupt");
            }

            if (header is null && !type.SequenceEqual("IHDR"u8))
            {
                ImageDefect.Throw(name, $"PNG starts with chunk {typeName}, expected IHDR");
            }

            if (type.SequenceEqual("IHDR"u8))
            {
                header = ParseHeader(body, name);
            }
            else if (type.SequenceEqual("PLTE"u8))
            {
                if (length % 3 != 0 || length > 768)
                {
                    ImageDefect.Throw(name, $"PNG PLTE chunk has {length} bytes, expected a multiple of 3 up to 768");
                }

                palette = body;
            }
            else if (type.SequenceEqual("pHYs"u8) && length == 9 && body[8] == 1)
            {
                var perMetre = BinaryPrimitives.ReadUInt32BigEndian(body);
                umPerPixel = perMetre == 0 ? null : PlausibleScale.Accept(1_000_000.0 / perMetre);
            }
            else if (type.SequenceEqual("IDAT"u8))
            {
                idat.Add((position + 8, (int)length));
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                sawEnd = true;
            }

            position += 12 + (int)length;
        }

        if (idat.Count == 0)
        {
            ImageDefect.Throw(name, "PNG has no image data (no IDAT chunk)");
        }

        return header!.Value;
    }

    private static Header ParseHeader(ReadOnlySpan<byte> body, string name)
    {
        if (body.Length != 13)
        {
            ImageDefect.Throw(name, $"PNG IHDR has {body.Length} bytes, expected 13");
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(body);
        var height = BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
        int depth = body[8], colour = body[9];
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
        {
            ImageDefect.Throw(name, $"PNG declares an invalid size {width}x{height}");
        }

        var valid = colour switch
        {
            0 => depth is 1 or 2 or 4 or 8 or 16,
            3 => depth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => depth is 8 or 16,
            _ => false,
        };
        if (!valid)
        {
            ImageDefect.Throw(name, $"PNG colour type {colour} with bit depth {depth} is not a valid combination");
        }

        if (body[10] != 0 || body[11] != 0 || body[12] > 1)
        {
            ImageDefect.Throw(name, $"PNG uses unknown compression {body[10]}, filter method {body[11]} or interlace method {body[12]}");
        }

        return new Header((int)width, (int)height, depth, colour, body[12] == 1);
    }

    private static byte[] PaletteToGrey(ReadOnlySpan<byte> palette)
    {
        // Indices past the palette's end are invalid; they read as black rather than failing the file.
        var table = new byte[256];
        for (var i = 0; i < palette.Length / 3; i++)
        {
            table[i] = Luminance.Of(palette[i * 3], palette[(i * 3) + 1], palette[(i * 3) + 2]);
        }

        return table;
    }

    private static void DecodeRows(ZLibStream zlib, string name, Header header, byte[]? lut, GreyImage image)
    {
        var channels = header.Channels;
        var bitsPerPixel = channels * header.BitDepth;
        var filterStride = Math.Max(1, bitsPerPixel / 8);
        var maxRowBytes = (int)((((long)header.Width * bitsPerPixel) + 7) / 8);
        var pool = ArrayPool<byte>.Shared;
        var current = pool.Rent(maxRowBytes + 1);
        var previous = pool.Rent(maxRowBytes + 1);
        var wide = header.BitDepth == 16 ? ArrayPool<ushort>.Shared.Rent(header.Width * channels) : null;
        var scatter8 = header.Interlaced && header.BitDepth != 16 ? pool.Rent(header.Width) : null;
        var scatter16 = header.Interlaced && header.BitDepth == 16 ? ArrayPool<ushort>.Shared.Rent(header.Width) : null;
        try
        {
            var passes = header.Interlaced ? 7 : 1;
            for (var pass = 0; pass < passes; pass++)
            {
                var (x0, y0, dx, dy) = header.Interlaced
                    ? (Adam7.XStart[pass], Adam7.YStart[pass], Adam7.XStep[pass], Adam7.YStep[pass])
                    : (0, 0, 1, 1);
                var passWidth = Adam7.Count(header.Width, x0, dx);
                var passHeight = Adam7.Count(header.Height, y0, dy);
                if (passWidth == 0 || passHeight == 0)
                {
                    continue;
                }

                var rowBytes = (int)((((long)passWidth * bitsPerPixel) + 7) / 8);
                previous.AsSpan(0, rowBytes + 1).Clear();
                for (var py = 0; py < passHeight; py++)
                {
                    var line = current.AsSpan(0, rowBytes + 1);
                    if (zlib.ReadAtLeast(line, line.Length, throwOnEndOfStream: false) < line.Length)
                    {
                        ImageDefect.Throw(name, $"PNG image data ends early at row {py} of {passHeight}{(header.Interlaced ? $" in interlace pass {pass + 1}" : string.Empty)}");
                    }

                    var row = line[1..];
                    if (!PngUnfilter.Apply(line[0], row, previous.AsSpan(1, rowBytes), filterStride))
                    {
                        ImageDefect.Throw(name, $"PNG row {py} has unknown filter type {line[0]}");
                    }

                    var y = y0 + (py * dy);
                    if (header.BitDepth == 16)
                    {
                        var destination = header.Interlaced ? scatter16.AsSpan(0, passWidth) : image.Pixels16.Slice(y * header.Width, header.Width);
                        ConvertRow16(row, channels, wide.AsSpan(0, passWidth * channels), destination);
                        if (header.Interlaced)
                        {
                            Scatter<ushort>(destination, image.Pixels16.Slice(y * header.Width, header.Width), x0, dx);
                        }
                    }
                    else
                    {
                        var destination = header.Interlaced ? scatter8.AsSpan(0, passWidth) : image.Pixels8.Slice(y * header.Width, header.Width);
                        ConvertRow8(row, header, lut, destination);
                        if (header.Interlaced)
                        {
                            Scatter<byte>(destination, image.Pixels8.Slice(y * header.Width, header.Width), x0, dx);
                        }
                    }

                    (previous, current) = (current, previous);
                }
            }
        }
        finally
        {
            pool.Return(current);
            pool.Return(previous);
            if (wide is not null)
            {
                ArrayPool<ushort>.Shared.Return(wide);
            }

            if (scatter8 is not null)
            {
                pool.Return(scatter8);
            }

            if (scatter16 is not null)
            {
                ArrayPool<ushort>.Shared.Return(scatter16);
            }
        }
    }

    private static void Scatter<T>(ReadOnlySpan<T> pass, Span<T> row, int x0, int dx)
    {
        for (int i = 0, x = x0; i < pass.Length; i++, x += dx)
        {
            row[x] = pass[i];
        }
    }

    private static void ConvertRow16(ReadOnlySpan<byte> row, int channels, Span<ushort> wide, Span<ushort> grey)
    {
        BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ushort>(row[..(wide.Length * 2)]), wide);
        switch (channels)
        {
            case 1:
                wide.CopyTo(grey);
                break;
            case 2:
                Luminance.FirstChannel<ushort>(wide, 2, grey);
                break;
            default:
                Luminance.FromInterleaved(wide, channels, grey);
                break;
        }
    }

    private static void ConvertRow8(ReadOnlySpan<byte> row, Header header, byte[]? lut, Span<byte> grey)
    {
        if (header.BitDepth < 8)
        {
            Unpack(row, header.BitDepth, grey);
            if (lut is not null)
            {
                LookupTable.ApplyInPlace(grey, lut);
            }
            else
            {
                // Scale 1/2/4-bit grey to the full 8-bit range as the PNG specification prescribes (x * 255 / max).
                var scale = (byte)(255 / ((1 << header.BitDepth) - 1));
                for (var i = 0; i < grey.Length; i++)
                {
                    grey[i] = (byte)(grey[i] * scale);
                }
            }

            return;
        }

        switch (header.ColourType)
        {
            case 0:
                row[..grey.Length].CopyTo(grey);
                break;
            case 3:
                row[..grey.Length].CopyTo(grey);
                LookupTable.ApplyInPlace(grey, lut);
                break;
            case 4:
                Luminance.FirstChannel(row, 2, grey);
                break;
            default:
                Luminance.FromInterleaved(row, header.Channels, grey);
                break;
        }
    }

    private static void Unpack(ReadOnlySpan<byte> row, int bits, Span<byte> values)
    {
        var perByte = 8 / bits;
        var mask = (1 << bits) - 1;
        for (var i = 0; i < values.Length; i++)
        {
            var shift = 8 - (bits * ((i % perByte) + 1));
            values[i] = (byte)((row[i / perByte] >> shift) & mask);
        }
    }
}
