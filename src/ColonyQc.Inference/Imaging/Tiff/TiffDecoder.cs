using System.Buffers;
using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using ColonyQc.Inference.Imaging.Compression;
using ColonyQc.Inference.Imaging.Pixels;

namespace ColonyQc.Inference.Imaging.Tiff;

/// <summary>
/// In-house TIFF decoder for the first page: II/MM, strips or tiles, chunky or planar, uncompressed / LZW /
/// Deflate (8 and 32946) / PackBits, predictor 2, 8/16-bit grey (WhiteIsZero inverted), palette (mapped to the
/// grey its colours stand for), RGB/RGBA (Rec. 601 luminance). Single-sample images decode straight into the
/// output plane; everything else goes through one pooled sample buffer.
/// </summary>
internal static class TiffDecoder
{
    /// <summary>
    /// Decodes the first page of <paramref name="data"/>. When <paramref name="file"/> holds those
    /// bytes and the page is uncompressed single-sample grey in one contiguous run of strips in
    /// native byte order (how microscopes and ColonyQc's own encoder write raw TIFF), the image
    /// adopts the file's buffer and its pixels are the file's bytes: no copy of the plane.
    /// </summary>
    public static GreyImage Decode(ReadOnlySpan<byte> data, string name, DecodeOptions options, PooledFileBytes? file = null)
    {
        var directory = TiffDirectoryReader.Read(data, name, out var bigEndian);
        var layout = Validate(directory, name);
        ImageDefect.CheckPixelLimit(name, "TIFF", directory.Width, directory.Height, options);
        var metadata = new ImageMetadata(
            ImageFormatKind.Tiff, layout, directory.Width, directory.Height, directory.BitsPerSample,
            UmPerPixel: UmPerPixel(directory), PageCount: directory.PageCount);
        if (file is not null && ContiguousRawStart(directory, bigEndian, data.Length) is { } start)
        {
            // The buffer is ours now, so a WhiteIsZero plane is inverted where it is.
            var adopted = GreyImage.Adopt(file.Hand(), start, directory.Width, directory.Height, directory.BitsPerSample, metadata);
            if (directory.Photometric == 0)
            {
                Invert(adopted);
            }

            return adopted;
        }

        var sixteen = directory.BitsPerSample == 16;
        var image = sixteen ? GreyImage.Create16(directory.Width, directory.Height, metadata) : GreyImage.Create8(directory.Width, directory.Height, metadata);
        byte[]? rented = null;
        try
        {
            Span<byte> samples;
            if (directory.SamplesPerPixel == 1)
            {
                samples = sixteen ? MemoryMarshal.AsBytes(image.Pixels16) : image.Pixels8;
            }
            else
            {
                var length = (long)directory.Width * directory.Height * directory.SamplesPerPixel * (directory.BitsPerSample / 8);
                if (length > Array.MaxLength)
                {
                    ImageDefect.Throw(name, $"TIFF sample data of {length} bytes is too large to decode");
                }

                rented = ArrayPool<byte>.Shared.Rent((int)length);
                samples = rented.AsSpan(0, (int)length);
            }

            DecodeChunks(data, name, directory, bigEndian, samples);
            ToGrey(directory, samples, image);
            if (directory.Photometric == 0)
            {
                Invert(image);
            }

            return image;
        }
        catch
        {
            image.Dispose();
            throw;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Where the plane starts in the file when its pixels can be used where they are: uncompressed,
    /// one grey sample, no predictor, strips (not tiles) that follow each other without a gap in row
    /// order, 16-bit samples in this machine's byte order, and every strip (as declared) inside the file.
    /// Null otherwise, and for anything the general path would report as a defect, so errors are the same.
    /// </summary>
    private static int? ContiguousRawStart(TiffDirectory d, bool bigEndian, int fileLength)
    {
        if (d.Compression != 1 || d.SamplesPerPixel != 1 || d.Photometric is not (0 or 1) || d.Predictor != 1 || d.Tiled
            || (d.BitsPerSample == 16 && bigEndian == BitConverter.IsLittleEndian) || d.RowsPerStrip <= 0)
        {
            return null;
        }

        long rowBytes = (long)d.Width * (d.BitsPerSample / 8);
        var strips = (d.Height + d.RowsPerStrip - 1) / d.RowsPerStrip;
        if (d.Offsets.Length < strips || (d.ByteCounts is not null && d.ByteCounts.Length < strips))
        {
            return null;
        }

        long start = d.Offsets[0];
        for (var i = 0; i < strips; i++)
        {
            var y0 = (long)i * d.RowsPerStrip;
            var needed = Math.Min(d.RowsPerStrip, d.Height - y0) * rowBytes;
            var declared = d.ByteCounts is null ? needed : d.ByteCounts[i];
            if (d.Offsets[i] != start + (y0 * rowBytes) || declared < needed || d.Offsets[i] + declared > fileLength)
            {
                return null;
            }
        }

        return (int)start;
    }

    private static ChannelLayout Validate(TiffDirectory d, string name)
    {
        if (d.SampleFormat == 3)
        {
            ImageDefect.Throw(name, "floating-point TIFF samples are not supported (8- and 16-bit unsigned integers are)");
        }

        if (d.SampleFormat is not (1 or 0))
        {
            ImageDefect.Throw(name, $"TIFF SampleFormat {d.SampleFormat} (signed or complex) is not supported (8- and 16-bit unsigned integers are)");
        }

        if (d.BitsPerSample is not (8 or 16))
        {
            ImageDefect.Throw(name, $"{d.BitsPerSample}-bit TIFF samples are not supported (8 and 16 are)");
        }

        if (d.Compression is not (1 or 5 or 8 or 32946 or 32773))
        {
            ImageDefect.Throw(name, $"TIFF compression {d.Compression} ({CompressionName(d.Compression)}) is not supported (none, LZW, Deflate and PackBits are)");
        }

        if (d.Predictor is not (1 or 2))
        {
            ImageDefect.Throw(name, $"TIFF predictor {d.Predictor} is not supported (1 none and 2 horizontal are)");
        }

        if (d.FillOrder == 2)
        {
            ImageDefect.Throw(name, "TIFF FillOrder 2 (least significant bit first) is not supported");
        }

        if (d.SamplesPerPixel is < 1 or > 8)
        {
            ImageDefect.Throw(name, $"TIFF SamplesPerPixel {d.SamplesPerPixel} is not supported");
        }

        switch (d.Photometric)
        {
            case 0 or 1:
                return d.SamplesPerPixel == 1 ? ChannelLayout.Grey : ChannelLayout.GreyAlpha;
            case 2 when d.SamplesPerPixel >= 3:
                return d.SamplesPerPixel == 3 ? ChannelLayout.Rgb : ChannelLayout.Rgba;
            case 3:
                if (d.SamplesPerPixel != 1 || d.BitsPerSample != 8)
                {
                    ImageDefect.Throw(name, $"TIFF palette images with {d.SamplesPerPixel} samples of {d.BitsPerSample} bits are not supported (8-bit indices are)");
                }

                if (d.ColourMap is null || d.ColourMap.Length < 3 * 256)
                {
                    ImageDefect.Throw(name, $"TIFF palette image has {(d.ColourMap is null ? "no ColorMap" : $"a ColorMap of {d.ColourMap.Length} values")}, expected 768");
                }

                return ChannelLayout.Palette;
            case 2:
                return ImageDefect.Throw<ChannelLayout>(name, $"TIFF RGB image has only {d.SamplesPerPixel} samples per pixel");
            case 5:
                return ImageDefect.Throw<ChannelLayout>(name, "CMYK (separated) TIFF is not supported");
            case 6:
                return ImageDefect.Throw<ChannelLayout>(name, "YCbCr TIFF is not supported");
            default:
                return ImageDefect.Throw<ChannelLayout>(name, $"TIFF PhotometricInterpretation {d.Photometric} is not supported");
        }
    }

    private static string CompressionName(int code) => code switch
    {
        2 or 3 or 4 => "CCITT fax",
        6 or 7 => "JPEG",
        34712 => "JPEG 2000",
        34925 => "LZMA",
        50000 => "Zstandard",
        50001 => "WebP",
        _ => "unknown",
    };

    private static double? UmPerPixel(TiffDirectory d)
    {
        if (d.XResolution is not { } perUnit || !(perUnit > 0) || d.ResolutionUnit is not (2 or 3))
        {
            return null;
        }

        return PlausibleScale.Accept((d.ResolutionUnit == 3 ? 10_000.0 : 25_400.0) / perUnit);
    }

    private static void DecodeChunks(ReadOnlySpan<byte> data, string name, TiffDirectory d, bool bigEndian, Span<byte> samples)
    {
        var bytesPerSample = d.BitsPerSample / 8;
        var planes = d.Planar ? d.SamplesPerPixel : 1;
        var chunkSpp = d.Planar ? 1 : d.SamplesPerPixel;
        var planeBytes = d.Width * d.Height * chunkSpp * bytesPerSample;
        var imageRowBytes = d.Width * chunkSpp * bytesPerSample;
        var kind = d.Tiled ? "tile" : "strip";
        var chunkWidth = d.Tiled ? d.TileWidth : d.Width;
        var chunkHeight = d.Tiled ? d.TileHeight : d.RowsPerStrip;
        var across = d.Tiled ? (d.Width + chunkWidth - 1) / chunkWidth : 1;
        var down = (d.Height + chunkHeight - 1) / chunkHeight;
        var expected = (long)across * down * planes;
        if (d.Offsets.Length < expected)
        {
            ImageDefect.Throw(name, $"TIFF declares {d.Offsets.Length} {kind}s but its size and layout need {expected}");
        }

        if (d.ByteCounts is null ? d.Compression != 1 : d.ByteCounts.Length < expected)
        {
            ImageDefect.Throw(name, $"TIFF has {d.ByteCounts?.Length ?? 0} {kind} byte counts but needs {expected}");
        }

        var chunkRowSamples = chunkWidth * chunkSpp;
        var chunkRowBytes = chunkRowSamples * bytesPerSample;
        var tileBytes = d.Tiled ? (long)chunkRowBytes * chunkHeight : 0;
        if (tileBytes > Array.MaxLength)
        {
            ImageDefect.Throw(name, $"TIFF tile size {d.TileWidth}x{d.TileHeight} is too large");
        }

        var tile = d.Tiled ? ArrayPool<byte>.Shared.Rent((int)tileBytes) : null;
        try
        {
            for (var plane = 0; plane < planes; plane++)
            {
                var planeSamples = samples.Slice(plane * planeBytes, planeBytes);
                for (var cy = 0; cy < down; cy++)
                {
                    for (var cx = 0; cx < across; cx++)
                    {
                        var index = (((plane * down) + cy) * across) + cx;
                        var y0 = cy * chunkHeight;
                        if (!d.Tiled)
                        {
                            var rows = Math.Min(chunkHeight, d.Height - y0);
                            var strip = planeSamples.Slice(y0 * imageRowBytes, rows * imageRowBytes);
                            DecodeChunk(data, name, d, bigEndian, index, kind, strip, chunkRowSamples);
                            continue;
                        }

                        var tileSpan = tile.AsSpan(0, (int)tileBytes);
                        DecodeChunk(data, name, d, bigEndian, index, kind, tileSpan, chunkRowSamples);
                        var x0 = cx * chunkWidth;
                        var copyBytes = Math.Min(chunkWidth, d.Width - x0) * chunkSpp * bytesPerSample;
                        var rowsInImage = Math.Min(chunkHeight, d.Height - y0);
                        for (var r = 0; r < rowsInImage; r++)
                        {
                            tileSpan.Slice(r * chunkRowBytes, copyBytes)
                                .CopyTo(planeSamples.Slice(((y0 + r) * imageRowBytes) + (x0 * chunkSpp * bytesPerSample)));
                        }
                    }
                }
            }
        }
        finally
        {
            if (tile is not null)
            {
                ArrayPool<byte>.Shared.Return(tile);
            }
        }
    }

    private static void DecodeChunk(
        ReadOnlySpan<byte> data, string name, TiffDirectory d, bool bigEndian, int index, string kind, Span<byte> destination, int rowSamples)
    {
        long offset = d.Offsets[index];
        long declared = d.ByteCounts is null ? destination.Length : d.ByteCounts[index];
        var available = Math.Max(0, Math.Min(declared, data.Length - offset));
        if (available < declared || (declared == 0 && destination.Length > 0))
        {
            ImageDefect.Throw(name, $"TIFF {kind} {index} is truncated: expected {declared} bytes at offset {offset}, found {available}");
        }

        var source = data.Slice((int)offset, (int)available);
        int produced;
        switch (d.Compression)
        {
            case 1:
                if (source.Length < destination.Length)
                {
                    ImageDefect.Throw(name, $"TIFF {kind} {index} is truncated: expected {destination.Length} bytes, found {source.Length}");
                }

                source[..destination.Length].CopyTo(destination);
                produced = destination.Length;
                break;
            case 5:
                produced = LzwDecoder.Decode(source, destination);
                if (produced == LzwDecoder.OldStyle)
                {
                    ImageDefect.Throw(name, "TIFF uses pre-1991 \"old-style\" LZW, which is not supported");
                }

                if (produced == LzwDecoder.Corrupt)
                {
                    ImageDefect.Throw(name, $"TIFF {kind} {index} holds corrupt LZW data (a code beyond the dictionary)");
                }

                break;
            case 32773:
                produced = PackBitsDecoder.Decode(source, destination);
                break;
            default:
                try
                {
                    produced = ZlibInflater.Inflate(source, destination);
                }
                catch (InvalidDataException e)
                {
                    produced = ImageDefect.Throw<int>(name, $"TIFF {kind} {index} holds corrupt Deflate data: {e.Message}");
                }

                break;
        }

        if (produced < destination.Length)
        {
            ImageDefect.Throw(name, $"TIFF {kind} {index} data ends early: decoded {produced} of {destination.Length} bytes");
        }

        if (d.BitsPerSample == 16)
        {
            var words = MemoryMarshal.Cast<byte, ushort>(destination);
            if (bigEndian == BitConverter.IsLittleEndian)
            {
                BinaryPrimitives.ReverseEndianness(words, words);
            }

            if (d.Predictor == 2)
            {
                HorizontalPredictor.Undo(words, rowSamples, d.Planar ? 1 : d.SamplesPerPixel);
            }
        }
        else if (d.Predictor == 2)
        {
            HorizontalPredictor.Undo(destination, rowSamples, d.Planar ? 1 : d.SamplesPerPixel);
        }
    }

    private static void ToGrey(TiffDirectory d, Span<byte> samples, GreyImage image)
    {
        var pixels = d.Width * d.Height;
        if (d.BitsPerSample == 8)
        {
            var grey = image.Pixels8;
            if (d.Photometric == 3)
            {
                LookupTable.ApplyInPlace(grey, PaletteToGrey(d.ColourMap!));
                return;
            }

            if (d.SamplesPerPixel > 1)
            {
                if (d.Photometric == 2)
                {
                    if (d.Planar)
                    {
                        Luminance.FromPlanes(samples[..pixels], samples.Slice(pixels, pixels), samples.Slice(2 * pixels, pixels), grey);
                    }
                    else
                    {
                        Luminance.FromInterleaved(samples, d.SamplesPerPixel, grey);
                    }
                }
                else if (d.Planar)
                {
                    samples[..pixels].CopyTo(grey);
                }
                else
                {
                    Luminance.FirstChannel<byte>(samples, d.SamplesPerPixel, grey);
                }
            }

            return;
        }

        var grey16 = image.Pixels16;
        if (d.SamplesPerPixel > 1)
        {
            var words = MemoryMarshal.Cast<byte, ushort>(samples);
            if (d.Photometric == 2)
            {
                if (d.Planar)
                {
                    Luminance.FromPlanes(words[..pixels], words.Slice(pixels, pixels), words.Slice(2 * pixels, pixels), grey16);
                }
                else
                {
                    Luminance.FromInterleaved(words, d.SamplesPerPixel, grey16);
                }
            }
            else if (d.Planar)
            {
                words[..pixels].CopyTo(grey16);
            }
            else
            {
                Luminance.FirstChannel<ushort>(words, d.SamplesPerPixel, grey16);
            }
        }

    }

    /// <summary>Inverts a grey plane in place (WhiteIsZero: 0 is white).</summary>
    private static void Invert(GreyImage image)
    {
        if (image.BitDepth == 16)
        {
            TensorPrimitives.OnesComplement<ushort>(image.Pixels16, image.Pixels16);
        }
        else
        {
            TensorPrimitives.OnesComplement<byte>(image.Pixels8, image.Pixels8);
        }
    }

    private static byte[] PaletteToGrey(ushort[] colourMap)
    {
        // Some old writers store 8-bit values in the 16-bit ColorMap; like libtiff, treat an all-small map as 8-bit.
        var eightBit = true;
        for (var i = 0; i < 768; i++)
        {
            if (colourMap[i] > 255)
            {
                eightBit = false;
                break;
            }
        }

        var table = new byte[256];
        for (var i = 0; i < 256; i++)
        {
            int r = colourMap[i], g = colourMap[256 + i], b = colourMap[512 + i];
            table[i] = eightBit
                ? Luminance.Of((byte)r, (byte)g, (byte)b)
                : Luminance.Of((byte)(r >> 8), (byte)(g >> 8), (byte)(b >> 8));
        }

        return table;
    }
}
