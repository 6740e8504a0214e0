using System.Runtime.CompilerServices;

namespace ColonyQc.Inference.Imaging.Compression;

/// <summary>PackBits run-length decoding (TIFF compression 32773).</summary>
internal static class PackBitsDecoder
{
    /// <summary>Decodes into destination; returns the bytes produced (less than destination.Length if the data ran out).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Decode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var read = 0;
        var written = 0;
        while (read < source.Length && written < destination.Length)
        {
            var header = (sbyte)source[read++];
            if (header >= 0)
            {
                var count = Math.Min(Math.Min(header + 1, source.Length - read), destination.Length - written);
                source.Slice(read, count).CopyTo(destination[written..]);
                read += count;
                written += count;
            }
            else if (header != -128 && read < source.Length)
            {
                // -128 is a no-op by definition; other negative headers repeat the next byte 1-n times.
                var count = Math.Min(1 - header, destination.Length - written);
                destination.Slice(written, count).Fill(source[read++]);
                written += count;
            }
        }

        return written;
    }
}
