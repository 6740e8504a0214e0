using System.Buffers.Binary;

namespace ColonyQc.Inference.Imaging.Jpeg;

/// <summary>
/// Walks a JPEG's marker structure from start-of-image to end-of-image before any pixel is decoded.
/// ImageSharp, like a web browser, decodes a truncated file and fills what is missing with grey; a cut
/// microscope image must be an error, never a score. So every segment must fit in the file, the
/// entropy-coded data of every scan must end in a marker, restart markers must come in order, no stray
/// bytes may sit between segments, and the file must reach its end-of-image marker. Bytes after the
/// end-of-image marker (some cameras append a trailer) are allowed.
/// </summary>
internal static class JpegStructure
{
    private const byte Start = 0xD8;
    private const byte End = 0xD9;
    private const byte StartOfScan = 0xDA;
    private const byte FirstRestart = 0xD0;
    private const byte LastRestart = 0xD7;

    public static void Check(ReadOnlySpan<byte> data, string name)
    {
        var position = 2; // after SOI, which the sniffer has seen
        var scans = 0;
        while (position < data.Length)
        {
            if (data[position] != 0xFF)
            {
                var next = data[position..].IndexOf((byte)0xFF);
                var stray = next < 0 ? data.Length - position : next;
                ImageDefect.Throw(name, $"JPEG is corrupt: {stray} stray bytes at offset {position}, where a marker was expected");
            }

            while (position < data.Length && data[position] == 0xFF)
            {
                position++; // markers may be preceded by any number of fill bytes
            }

            if (position >= data.Length)
            {
                break;
            }

            var marker = data[position];
            var markerOffset = position - 1;
            position++;
            if (marker == End)
            {
                return;
            }

            if (marker == Start)
            {
                ImageDefect.Throw(name, $"JPEG is corrupt: a second start-of-image marker at offset {markerOffset}");
            }

            if (marker is 0x01 or (>= FirstRestart and <= LastRestart))
            {
                continue; // stand-alone markers without a length
            }

            if (position + 2 > data.Length)
            {
                break;
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
            if (length < 2 || position + length > data.Length)
            {
                ImageDefect.Throw(name, $"JPEG is truncated: segment 0xFF{marker:X2} at offset {markerOffset} declares {length} bytes, {data.Length - position} remain");
            }

            position += length;
            if (marker == StartOfScan)
            {
                scans++;
                position = SkipEntropyCodedData(data, position, scans, name);
            }
        }

        ImageDefect.Throw(name, scans == 0
            ? $"JPEG is truncated: {data.Length} bytes end before the image data"
            : $"JPEG is truncated: {data.Length} bytes end before the end-of-image marker (after {scans} scan{(scans == 1 ? string.Empty : "s")})");
    }

    /// <summary>Returns the offset of the 0xFF that starts the marker ending the scan; throws when the data ends first.</summary>
    private static int SkipEntropyCodedData(ReadOnlySpan<byte> data, int position, int scan, string name)
    {
        var expectedRestart = 0;
        while (true)
        {
            var next = data[position..].IndexOf((byte)0xFF);
            if (next < 0 || position + next + 1 >= data.Length)
            {
                ImageDefect.Throw(name, $"JPEG is truncated: the data ends inside scan {scan}, before the end-of-image marker");
            }

            position += next;
            var code = data[position + 1];
            if (code == 0x00)
            {
                position += 2; // a stuffed 0xFF data byte
            }
            else if (code == 0xFF)
            {
                position++; // fill byte before a marker
            }
            else if (code is >= FirstRestart and <= LastRestart)
            {
                if (code - FirstRestart != expectedRestart)
                {
                    ImageDefect.Throw(name, $"JPEG is corrupt: restart marker RST{code - FirstRestart} at offset {position} in scan {scan}, where RST{expectedRestart} was expected");
                }

                expectedRestart = (expectedRestart + 1) % 8;
                position += 2;
            }
            else
            {
                return position;
            }
        }
    }
}
