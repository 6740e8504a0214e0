using System.Buffers.Binary;
using System.Globalization;

namespace ColonyQc.Inference.Imaging.Tiff;

/// <summary>Parses the TIFF header and first IFD from the file bytes, checking every offset against the file length.</summary>
internal static class TiffDirectoryReader
{
    private const int MaxPagesCounted = 100_000;

    public static TiffDirectory Read(ReadOnlySpan<byte> data, string name, out bool bigEndian)
    {
        if (data.Length < 8)
        {
            ImageDefect.Throw(name, $"TIFF header is truncated: expected 8 bytes, found {data.Length}");
        }

        bigEndian = data[0] == (byte)'M';
        var magic = U16(data, 2, bigEndian);
        if (magic == 43)
        {
            ImageDefect.Throw(name, "BigTIFF (64-bit offsets) is not supported");
        }

        if (magic != 42)
        {
            ImageDefect.Throw(name, $"not a TIFF: version field is {magic}, expected 42");
        }

        var ifd = U32(data, 4, bigEndian);
        var entryCount = CheckDirectory(data, ifd, name, bigEndian);
        var width = 0;
        var height = 0;
        var bitsPerSample = 1;
        var samplesPerPixel = 1;
        var compression = 1;
        var photometric = -1;
        var planar = 1;
        var predictor = 1;
        var sampleFormat = 1;
        var fillOrder = 1;
        var rowsPerStrip = int.MaxValue;
        var tileWidth = 0;
        var tileHeight = 0;
        var resolutionUnit = 2;
        uint[]? stripOffsets = null, stripCounts = null, tileOffsets = null, tileCounts = null;
        ushort[]? colourMap = null;
        double? xResolution = null;
        for (var i = 0; i < entryCount; i++)
        {
            var entry = (int)ifd + 2 + (i * 12);
            var tag = U16(data, entry, bigEndian);
            switch (tag)
            {
                case TiffTag.ImageWidth: width = Scalar(data, entry, name, bigEndian); break;
                case TiffTag.ImageLength: height = Scalar(data, entry, name, bigEndian); break;
                case TiffTag.BitsPerSample: bitsPerSample = Uniform(data, entry, name, bigEndian, "BitsPerSample"); break;
                case TiffTag.Compression: compression = Scalar(data, entry, name, bigEndian); break;
                case TiffTag.Photometric: photometric = Scalar(data, entry, name, bigEndian); break;
                case TiffTag.FillOrder: fillOrder = Scalar(data, entry, name, bigEndian); break;
                case TiffTag.SamplesPerPixel: samplesPerPixel = Scalar(data, entry, name, bigEndian); break;
                case TiffTag.RowsPerStrip: rowsPerStrip = Scalar(data, entry, name, bigEndian); break;
                case TiffTag.PlanarConfiguration: planar = Scalar(data, entry, name, bigEndian); break;
                case TiffTag.Predictor: predictor = Scalar(data, entry, name, bigEndian); break;
                case TiffTag.SampleFormat: sampleFormat = Uniform(data, entry, name, bigEndian, "SampleFormat"); break;
                case TiffTag.ResolutionUnit: resolutionUnit = Scalar(data, entry, name, bigEndian); break;
                case TiffTag.TileWidth: tileWidth = Scalar(data, entry, name, bigEndian); break;
                case TiffTag.TileLength: tileHeight = Scalar(data, entry, name, bigEndian); break;
                case TiffTag.StripOffsets: stripOffsets = Array(data, entry, name, bigEndian, "StripOffsets"); break;
                case TiffTag.StripByteCounts: stripCounts = Array(data, entry, name, bigEndian, "StripByteCounts"); break;
                case TiffTag.TileOffsets: tileOffsets = Array(data, entry, name, bigEndian, "TileOffsets"); break;
                case TiffTag.TileByteCounts: tileCounts = Array(data, entry, name, bigEndian, "TileByteCounts"); break;
                case TiffTag.XResolution: xResolution = Rational(data, entry, name, bigEndian); break;
                case TiffTag.ColorMap: colourMap = Shorts(data, entry, name, bigEndian); break;
                default: break;
            }
        }

        if (width <= 0 || height <= 0)
        {
            ImageDefect.Throw(name, $"TIFF declares no usable image size ({width}x{height})");
        }

        if (photometric < 0)
        {
            // Baseline readers assume grey (BlackIsZero) when the tag is missing; libtiff does the same for 1 sample.
            photometric = samplesPerPixel >= 3 ? 2 : 1;
        }

        var tiled = tileWidth > 0 || tileHeight > 0 || tileOffsets is not null;
        var offsets = tiled ? tileOffsets : stripOffsets;
        if (offsets is null)
        {
            ImageDefect.Throw(name, tiled ? "TIFF is tiled but has no TileOffsets" : "TIFF has no StripOffsets: no pixel data");
        }

        if (tiled && (tileWidth <= 0 || tileHeight <= 0))
        {
            ImageDefect.Throw(name, $"TIFF tile size {tileWidth}x{tileHeight} is invalid");
        }

        return new TiffDirectory
        {
            Width = width,
            Height = height,
            BitsPerSample = bitsPerSample,
            SamplesPerPixel = samplesPerPixel,
            Compression = compression,
            Photometric = photometric,
            Planar = planar == 2 && samplesPerPixel > 1,
            Predictor = predictor,
            SampleFormat = sampleFormat,
            FillOrder = fillOrder,
            RowsPerStrip = Math.Clamp(rowsPerStrip, 1, height),
            TileWidth = tiled ? tileWidth : 0,
            TileHeight = tiled ? tileHeight : 0,
            Offsets = offsets,
            ByteCounts = tiled ? tileCounts : stripCounts,
            ColourMap = colourMap,
            XResolution = xResolution,
            ResolutionUnit = resolutionUnit,
            PageCount = CountPages(data, ifd, entryCount, bigEndian),
        };
    }

    private static int CheckDirectory(ReadOnlySpan<byte> data, uint ifd, string name, bool bigEndian)
    {
        if (ifd < 8 || ifd > data.Length - 2L)
        {
            ImageDefect.Throw(name, $"TIFF directory offset {ifd} is outside the file ({data.Length} bytes): the file is truncated or corrupt");
        }

        int count = U16(data, (int)ifd, bigEndian);
        if (ifd + 2L + (count * 12L) > data.Length)
        {
            ImageDefect.Throw(name, $"TIFF directory at offset {ifd} is truncated: {count} entries need {2 + (count * 12)} bytes, found {data.Length - ifd}");
        }

        return count;
    }

    private static int CountPages(ReadOnlySpan<byte> data, uint ifd, int entryCount, bool bigEndian)
    {
        // Later pages are only counted, never decoded: a broken chain ends the count instead of failing the file.
        var pages = 1;
        var nextPointer = ifd + 2L + (entryCount * 12L);
        while (pages < MaxPagesCounted && nextPointer + 4 <= data.Length)
        {
            var next = U32(data, (int)nextPointer, bigEndian);
            if (next == 0 || next < 8 || next > data.Length - 2L || next == ifd)
            {
                break;
            }

            int count = U16(data, (int)next, bigEndian);
            pages++;
            ifd = next;
            nextPointer = next + 2L + (count * 12L);
        }

        return pages;
    }

    private static int TypeSize(int type) => type switch
    {
        1 or 2 or 6 or 7 => 1,
        3 or 8 => 2,
        4 or 9 or 11 => 4,
        5 or 10 or 12 => 8,
        _ => 0,
    };

    private static ReadOnlySpan<byte> Value(ReadOnlySpan<byte> data, int entry, string name, bool bigEndian, out int type, out int count)
    {
        type = U16(data, entry + 2, bigEndian);
        var rawCount = U32(data, entry + 4, bigEndian);
        var size = TypeSize(type);
        var tag = U16(data, entry, bigEndian);
        if (size == 0)
        {
            ImageDefect.Throw(name, $"TIFF tag {tag} has unknown field type {type}");
        }

        if (rawCount == 0 || rawCount > int.MaxValue / 8)
        {
            ImageDefect.Throw(name, $"TIFF tag {tag} has an invalid value count {rawCount}");
        }

        count = (int)rawCount;
        var bytes = (long)count * size;
        if (bytes <= 4)
        {
            return data.Slice(entry + 8, (int)bytes);
        }

        var offset = U32(data, entry + 8, bigEndian);
        if (offset + bytes > data.Length)
        {
            ImageDefect.Throw(name, $"TIFF tag {tag} value is truncated: expected {bytes} bytes at offset {offset}, file has {data.Length}");
        }

        return data.Slice((int)offset, (int)bytes);
    }

    private static uint ReadInteger(ReadOnlySpan<byte> value, int type, int index, bool bigEndian) => type switch
    {
        1 or 6 or 7 => value[index],
        3 or 8 => U16(value, index * 2, bigEndian),
        4 or 9 => U32(value, index * 4, bigEndian),
        _ => uint.MaxValue,
    };

    private static int Scalar(ReadOnlySpan<byte> data, int entry, string name, bool bigEndian)
    {
        var value = Value(data, entry, name, bigEndian, out var type, out _);
        var result = ReadInteger(value, type, 0, bigEndian);
        if (result > int.MaxValue)
        {
            ImageDefect.Throw(name, string.Create(CultureInfo.InvariantCulture, $"TIFF tag {U16(data, entry, bigEndian)} has the unusable value {result} (field type {type})"));
        }

        return (int)result;
    }

    private static int Uniform(ReadOnlySpan<byte> data, int entry, string name, bool bigEndian, string what)
    {
        var value = Value(data, entry, name, bigEndian, out var type, out var count);
        var first = ReadInteger(value, type, 0, bigEndian);
        for (var i = 1; i < count; i++)
        {
            if (ReadInteger(value, type, i, bigEndian) != first)
            {
                ImageDefect.Throw(name, $"TIFF {what} differs between samples; mixed sample sizes are not supported");
            }
        }

        return first > int.MaxValue ? ImageDefect.Throw<int>(name, $"TIFF {what} value {first} is invalid") : (int)first;
    }

    private static uint[] Array(ReadOnlySpan<byte> data, int entry, string name, bool bigEndian, string what)
    {
        var value = Value(data, entry, name, bigEndian, out var type, out var count);
        if (type is not (3 or 4))
        {
            ImageDefect.Throw(name, $"TIFF {what} has field type {type}, expected SHORT or LONG");
        }

        var result = new uint[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = ReadInteger(value, type, i, bigEndian);
        }

        return result;
    }

    private static ushort[] Shorts(ReadOnlySpan<byte> data, int entry, string name, bool bigEndian)
    {
        var value = Value(data, entry, name, bigEndian, out var type, out var count);
        if (type != 3)
        {
            ImageDefect.Throw(name, $"TIFF ColorMap has field type {type}, expected SHORT");
        }

        var result = new ushort[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = U16(value, i * 2, bigEndian);
        }

        return result;
    }

    private static double? Rational(ReadOnlySpan<byte> data, int entry, string name, bool bigEndian)
    {
        var value = Value(data, entry, name, bigEndian, out var type, out _);
        if (type != 5)
        {
            return null;
        }

        var numerator = U32(value, 0, bigEndian);
        var denominator = U32(value, 4, bigEndian);
        return denominator == 0 ? null : (double)numerator / denominator;
    }

    private static ushort U16(ReadOnlySpan<byte> data, int offset, bool bigEndian)
        => bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(data[offset..]) : BinaryPrimitives.ReadUInt16LittleEndian(data[offset..]);

    private static uint U32(ReadOnlySpan<byte> data, int offset, bool bigEndian)
        => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data[offset..]) : BinaryPrimitives.ReadUInt32LittleEndian(data[offset..]);
}
