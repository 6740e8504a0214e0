namespace ColonyQc.Inference.Imaging.Encoding;

/// <summary>PackBits (Apple/TIFF run-length) compression of one row; TIFF requires runs not to cross rows.</summary>
internal static class PackBitsEncoder
{
    public static void EncodeRow(ReadOnlySpan<byte> row, EndianBufferWriter output)
    {
        var i = 0;
        while (i < row.Length)
        {
            var run = 1;
            while (i + run < row.Length && run < 128 && row[i + run] == row[i])
            {
                run++;
            }

            if (run >= 3)
            {
                output.WriteByte((byte)(sbyte)(1 - run));
                output.WriteByte(row[i]);
                i += run;
                continue;
            }

            // A literal block ends where a run of three equal bytes begins.
            var start = i;
            var length = 0;
            while (i < row.Length && length < 128)
            {
                if (i + 2 < row.Length && row[i] == row[i + 1] && row[i] == row[i + 2])
                {
                    break;
                }

                i++;
                length++;
            }

            output.WriteByte((byte)(length - 1));
            output.WriteBytes(row.Slice(start, length));
        }
    }
}
