namespace ColonyQc.Inference.Imaging.Encoding;

/// <summary>
/// TIFF-flavoured LZW compression: MSB-first codes of 9 to 12 bits, Clear = 256, EndOfInformation = 257,
/// and the "early change" the TIFF specification prescribes (the code width grows one code before the
/// table would overflow the current width), so libtiff and every other TIFF reader decode it.
/// </summary>
internal static class LzwEncoder
{
    private const int ClearCode = 256;
    private const int EndOfInformation = 257;
    private const int FirstFreeCode = 258;
    private const int MaxCode = 4093;
    private const int HashSize = 8192;

    public static void Encode(ReadOnlySpan<byte> source, EndianBufferWriter output)
    {
        // Open-addressed hash of (prefix code, next byte) -> code; cleared on every table reset.
        var keys = new int[HashSize];
        var codes = new short[HashSize];
        var bits = new BitPacker(output);
        var width = 9;
        var nextCode = FirstFreeCode;
        Array.Fill(keys, -1);
        bits.Write(ClearCode, width);
        if (source.IsEmpty)
        {
            bits.Write(EndOfInformation, width);
            bits.Flush();
            return;
        }

        int prefix = source[0];
        for (var i = 1; i < source.Length; i++)
        {
            var next = source[i];
            var key = (prefix << 8) | next;
            var slot = (key * 40503) & (HashSize - 1);
            while (keys[slot] != -1 && keys[slot] != key)
            {
                slot = (slot + 1) & (HashSize - 1);
            }

            if (keys[slot] == key)
            {
                prefix = codes[slot];
                continue;
            }

            bits.Write(prefix, width);
            keys[slot] = key;
            codes[slot] = (short)nextCode;
            nextCode++;
            if (nextCode > MaxCode)
            {
                bits.Write(ClearCode, width);
                Array.Fill(keys, -1);
                nextCode = FirstFreeCode;
                width = 9;
            }
            else if (nextCode > (1 << width) - 1 && width < 12)
            {
                width++;
            }

            prefix = next;
        }

        bits.Write(prefix, width);
        nextCode++;
        if (nextCode > (1 << width) - 1 && width < 12)
        {
            width++;
        }

        bits.Write(EndOfInformation, width);
        bits.Flush();
    }

    private struct BitPacker(EndianBufferWriter output)
    {
        private ulong _buffer;
        private int _count;

        public void Write(int code, int width)
        {
            _buffer = (_buffer << width) | (uint)code;
            _count += width;
            while (_count >= 8)
            {
                _count -= 8;
                output.WriteByte((byte)(_buffer >> _count));
            }
        }

        public void Flush()
        {
            if (_count > 0)
            {
                output.WriteByte((byte)(_buffer << (8 - _count)));
                _count = 0;
            }
        }
    }
}
