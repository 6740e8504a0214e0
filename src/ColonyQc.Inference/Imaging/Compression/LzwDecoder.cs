using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ColonyQc.Inference.Imaging.Compression;

/// <summary>
/// TIFF LZW decoding (MSB-first 9-12 bit codes, Clear 256, EndOfInformation 257, early change).
/// Every dictionary string already sits in the output, so a code is stored as (start, length) into the
/// output instead of a prefix chain: decoding a code is one forward copy, with no per-code reversal.
/// </summary>
internal static class LzwDecoder
{
    /// <summary>Returned when a code refers past the dictionary: the data is corrupt.</summary>
    public const int Corrupt = -1;

    /// <summary>Returned for the pre-1991 LSB-first "old-style" LZW that libtiff still reads for compatibility.</summary>
    public const int OldStyle = -2;

    private const int ClearCode = 256;
    private const int EndOfInformation = 257;
    private const int FirstFreeCode = 258;
    private const int TableSize = 4096;

    /// <summary>Decodes into destination; returns the bytes produced (fewer than destination.Length if the data ended early), or a negative status.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    public static int Decode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.Length >= 2 && source[0] == 0 && (source[1] & 1) != 0)
        {
            return OldStyle;
        }

        // Only entries below nextCode are ever read, and each is written before nextCode passes it.
        Span<int> starts = stackalloc int[TableSize];
        Span<int> lengths = stackalloc int[TableSize];
        ref var output = ref MemoryMarshal.GetReference(destination);
        var outputLength = destination.Length;
        ulong bits = 0;
        var bitCount = 0;
        var read = 0;
        var width = 9;
        var mask = (1 << width) - 1;
        var nextCode = FirstFreeCode;
        var position = 0;
        var previousStart = 0;
        var previousLength = 0;
        var havePrevious = false;
        while (true)
        {
            if (bitCount < width)
            {
                while (bitCount <= 56 && read < source.Length)
                {
                    bits = (bits << 8) | source[read++];
                    bitCount += 8;
                }

                if (bitCount < width)
                {
                    break;
                }
            }

            bitCount -= width;
            var code = (int)(bits >> bitCount) & mask;
            if (code == ClearCode)
            {
                width = 9;
                mask = 511;
                nextCode = FirstFreeCode;
                havePrevious = false;
                continue;
            }

            if (code == EndOfInformation || position >= outputLength)
            {
                break;
            }

            if (!havePrevious)
            {
                if (code > 255)
                {
                    return Corrupt;
                }

                Unsafe.Add(ref output, position) = (byte)code;
                previousStart = position;
                previousLength = 1;
                position++;
                havePrevious = true;
                continue;
            }

            var currentStart = position;
            int currentLength;
            if (code < 256)
            {
                Unsafe.Add(ref output, position) = (byte)code;
                currentLength = 1;
            }
            else if (code < nextCode)
            {
                var start = starts[code];
                currentLength = lengths[code];
                if (currentLength <= 16 && position + 16 <= outputLength)
                {
                    // One 16-byte load then store: the string ends before `position`, so the bytes it needs are
                    // read before anything is written; the bytes past its end are overwritten by later codes.
                    Vector128.LoadUnsafe(ref output, (nuint)start).StoreUnsafe(ref output, (nuint)position);
                }
                else
                {
                    var count = Math.Min(currentLength, outputLength - position);
                    destination.Slice(start, count).CopyTo(destination.Slice(position, count));
                }
            }
            else if (code == nextCode)
            {
                // The KwKwK case: the previous string followed by its own first byte.
                currentLength = previousLength + 1;
                var count = Math.Min(previousLength, outputLength - position);
                destination.Slice(previousStart, count).CopyTo(destination.Slice(position, count));
                if (position + previousLength < outputLength)
                {
                    Unsafe.Add(ref output, position + previousLength) = Unsafe.Add(ref output, previousStart);
                }
            }
            else
            {
                return Corrupt;
            }

            position = Math.Min(position + currentLength, outputLength);
            if (nextCode < TableSize)
            {
                starts[nextCode] = previousStart;
                lengths[nextCode] = previousLength + 1;
                nextCode++;
                if (nextCode >= mask && width < 12)
                {
                    width++;
                    mask = (1 << width) - 1;
                }
            }

            previousStart = currentStart;
            previousLength = currentLength;
        }

        return position;
    }
}
