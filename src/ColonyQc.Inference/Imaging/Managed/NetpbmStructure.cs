namespace ColonyQc.Inference.Imaging.Managed;

/// <summary>
/// Reads a Netpbm header (magic, width, height, maximum value; comments allowed) and checks the file holds
/// every sample it declares. ImageSharp pads a short PBM/PGM/PPM with black; a cut file must be an error.
/// </summary>
internal static class NetpbmStructure
{
    public static void Check(ReadOnlySpan<byte> data, string name)
    {
        var kind = data[1] - '0';
        var position = 2;
        var width = ReadNumber(data, ref position, name, "width");
        var height = ReadNumber(data, ref position, name, "height");
        var maximum = kind is 1 or 4 ? 1 : ReadNumber(data, ref position, name, "maximum value");
        if (width <= 0 || height <= 0)
        {
            ImageDefect.Throw(name, $"PBM/PGM/PPM declares an empty size {width}x{height}");
        }

        if (maximum is < 1 or > 65535)
        {
            ImageDefect.Throw(name, $"PBM/PGM/PPM maximum value {maximum} is outside 1-65535");
        }

        var channels = kind is 3 or 6 ? 3L : 1L;
        var samples = width * height * channels;
        if (kind is 4 or 5 or 6)
        {
            // Raw: exactly one whitespace byte after the header, then binary samples.
            var bytes = kind == 4 ? ((width + 7) / 8) * height : samples * (maximum > 255 ? 2 : 1);
            var available = data.Length - (position + 1L);
            if (available < bytes)
            {
                ImageDefect.Throw(name, $"PBM/PGM/PPM is truncated: {width}x{height} needs {bytes} bytes of pixels, {Math.Max(0, available)} remain");
            }

            return;
        }

        var found = kind == 1 ? CountBits(data[position..]) : CountNumbers(data[position..]);
        if (found < samples)
        {
            ImageDefect.Throw(name, $"PBM/PGM/PPM is truncated: {width}x{height} needs {samples} samples, the file has {found}");
        }
    }

    private static long ReadNumber(ReadOnlySpan<byte> data, ref int position, string name, string what)
    {
        while (position < data.Length && (IsSpace(data[position]) || data[position] == '#'))
        {
            if (data[position] == '#')
            {
                while (position < data.Length && data[position] is not ((byte)'\n' or (byte)'\r'))
                {
                    position++;
                }
            }
            else
            {
                position++;
            }
        }

        long value = 0;
        var start = position;
        while (position < data.Length && data[position] is >= (byte)'0' and <= (byte)'9' && position - start < 10)
        {
            value = (value * 10) + (data[position] - '0');
            position++;
        }

        if (position == start)
        {
            ImageDefect.Throw(name, $"PBM/PGM/PPM header is truncated or corrupt: no {what} at offset {start}");
        }

        return value;
    }

    private static long CountNumbers(ReadOnlySpan<byte> text)
    {
        long count = 0;
        var inNumber = false;
        foreach (var b in text)
        {
            var digit = b is >= (byte)'0' and <= (byte)'9';
            count += digit && !inNumber ? 1 : 0;
            inNumber = digit;
        }

        return count;
    }

    private static long CountBits(ReadOnlySpan<byte> text)
    {
        // Plain PBM samples are single '0'/'1' characters, with or without whitespace between them.
        long count = 0;
        foreach (var b in text)
        {
            count += b is (byte)'0' or (byte)'1' ? 1 : 0;
        }

        return count;
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0B or 0x0C;
}
