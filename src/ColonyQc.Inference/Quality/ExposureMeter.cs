using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ColonyQc.Inference.Imaging;

namespace ColonyQc.Inference.Quality;

/// <summary>
/// Clipped fractions at the source range, before any resampling (averaging would hide clipping).
/// 8-bit: pixels at 255 are over-exposed, pixels at 0 under-exposed. 16-bit: the top of the range is
/// the top of the observed bit range, <c>2^b - 1</c> with b the bit length of the brightest pixel
/// (at least 8), because 12- and 14-bit cameras store into 16-bit files and never reach 65535; the
/// bottom is 0.
/// </summary>
/// <remarks>
/// One pass over the pixels from memory: each block of 64 KB gets its minimum and maximum, and its
/// pixels are counted (while the block is still in cache) only when they can be clipped, i.e. the
/// block holds a 0 or its maximum could be the top of the range. A well-exposed field, whose
/// blocks hold neither, costs one min/max pass. For 16 bits this works because the top of the
/// observed range is at least the brightest pixel: pixels at the top exist only when the brightest
/// value is itself 2^b - 1, and they are then the pixels equal to it.
/// </remarks>
public static class ExposureMeter
{
    private const int BlockBytes = 64 * 1024;

    /// <summary>Over- and under-exposed fractions of <paramref name="image"/>.</summary>
    public static (double OverExposed, double UnderExposed) Measure(GreyImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image.BitDepth == 16 ? Measure((ReadOnlySpan<ushort>)image.Pixels16) : Measure((ReadOnlySpan<byte>)image.Pixels8);
    }

    /// <summary>Over- (255) and under-exposed (0) fractions of 8-bit pixels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double OverExposed, double UnderExposed) Measure(ReadOnlySpan<byte> pixels)
    {
        if (pixels.IsEmpty)
        {
            return (0, 0);
        }

        long top = 0, bottom = 0;
        for (var start = 0; start < pixels.Length; start += BlockBytes)
        {
            var block = pixels.Slice(start, Math.Min(BlockBytes, pixels.Length - start));
            var (min, max) = MinMax(block);
            top += max == byte.MaxValue ? CountEqual(block, byte.MaxValue) : 0;
            bottom += min == 0 ? CountEqual(block, (byte)0) : 0;
        }

        return ((double)top / pixels.Length, (double)bottom / pixels.Length);
    }

    /// <summary>Over-exposed (top of the observed bit range) and under-exposed (0) fractions of 16-bit pixels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double OverExposed, double UnderExposed) Measure(ReadOnlySpan<ushort> pixels)
    {
        if (pixels.IsEmpty)
        {
            return (0, 0);
        }

        ushort brightest = 0;
        long atBrightest = 0, bottom = 0;
        for (var start = 0; start < pixels.Length; start += BlockBytes / 2)
        {
            var block = pixels.Slice(start, Math.Min(BlockBytes / 2, pixels.Length - start));
            var (min, max) = MinMax(block);
            bottom += min == 0 ? CountEqual(block, (ushort)0) : 0;
            if (max < brightest)
            {
                continue;
            }

            // Only a maximum of the form 2^b - 1 can be the top of the range; any other block maximum
            // that ends up the brightest means no pixel is at the top.
            var atMax = max == TopOf(max) ? CountEqual(block, max) : 0;
            (brightest, atBrightest) = max > brightest ? (max, atMax) : (brightest, atBrightest + atMax);
        }

        var top = brightest == TopOf(brightest) ? atBrightest : 0;
        return ((double)top / pixels.Length, (double)bottom / pixels.Length);
    }

    /// <summary>The top of the observed bit range: 2^b - 1 for the bit length b (at least 8) of the brightest pixel.</summary>
    public static ushort TopOfObservedRange(ReadOnlySpan<ushort> pixels) => TopOf(MinMax(pixels).Max);

    private static ushort TopOf(ushort brightest)
    {
        var bits = Math.Max(8, 32 - BitOperations.LeadingZeroCount((uint)brightest));
        return (ushort)((1 << bits) - 1);
    }

    /// <summary>
    /// The smallest and largest pixel (0 and 0 for none). Not TensorPrimitives.Max: its generic core
    /// stayed in unoptimised tiers for hundreds of calls here (1 ms per 16-bit field instead of 0.06 ms).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (T Min, T Max) MinMax<T>(ReadOnlySpan<T> pixels)
        where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        if (pixels.IsEmpty)
        {
            return (T.Zero, T.Zero);
        }

        var i = 0;
        T min = T.MaxValue, max = T.Zero;
        if (Vector256.IsHardwareAccelerated && pixels.Length >= Vector256<T>.Count)
        {
            var lo = Vector256.Create(T.MaxValue);
            var hi = Vector256<T>.Zero;
            ref var start = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(pixels);
            for (; i <= pixels.Length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)i);
                lo = Vector256.Min(lo, v);
                hi = Vector256.Max(hi, v);
            }

            for (var lane = 0; lane < Vector256<T>.Count; lane++)
            {
                min = T.Min(min, lo[lane]);
                max = T.Max(max, hi[lane]);
            }
        }

        for (; i < pixels.Length; i++)
        {
            min = T.Min(min, pixels[i]);
            max = T.Max(max, pixels[i]);
        }

        return (min, max);
    }

    /// <summary>How many pixels equal <paramref name="value"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long CountEqual<T>(ReadOnlySpan<T> pixels, T value)
        where T : unmanaged, IBinaryInteger<T>
    {
        long count = 0;
        var i = 0;
        if (Vector256.IsHardwareAccelerated && pixels.Length >= Vector256<T>.Count)
        {
            var target = Vector256.Create(value);
            ref var start = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(pixels);

            // Counts per lane: a matching lane compares to all ones (-1), so subtracting the comparison
            // adds one, with no mask extraction per vector (for 16-bit lanes that costs a pack and a
            // permute). A lane holds at most T.MaxValue, so the lanes are added into the total after
            // at most that many vectors.
            var step = Vector256<T>.Count;
            var flushEvery = typeof(T) == typeof(byte) ? byte.MaxValue : ushort.MaxValue;
            var last = pixels.Length - step;
            while (i <= last)
            {
                var end = Math.Min(last, i + ((flushEvery - 1) * step));
                var lanes = Vector256<T>.Zero;
                for (; i <= end; i += step)
                {
                    lanes -= Vector256.Equals(Vector256.LoadUnsafe(ref start, (nuint)i), target);
                }

                count += LaneTotal(lanes);
            }
        }

        for (; i < pixels.Length; i++)
        {
            count += pixels[i] == value ? 1 : 0;
        }

        return count;
    }

    /// <summary>The sum of a vector's unsigned 8- or 16-bit lanes, widened first so it cannot wrap.</summary>
    private static long LaneTotal<T>(Vector256<T> counts)
        where T : unmanaged
    {
        if (typeof(T) == typeof(byte))
        {
            var bytes = counts.AsByte();
            return Vector256.Sum(Vector256.WidenLower(bytes) + Vector256.WidenUpper(bytes));
        }

        var words = counts.AsUInt16();
        return Vector256.Sum(Vector256.WidenLower(words) + Vector256.WidenUpper(words));
    }
}
