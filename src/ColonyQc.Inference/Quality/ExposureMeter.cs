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
public static class ExposureMeter
{
    /// <summary>Over- and under-exposed fractions of <paramref name="image"/>.</summary>
    public static (double OverExposed, double UnderExposed) Measure(GreyImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image.BitDepth == 16 ? Measure((ReadOnlySpan<ushort>)image.Pixels16) : Measure((ReadOnlySpan<byte>)image.Pixels8);
    }

    /// <summary>Over- (255) and under-exposed (0) fractions of 8-bit pixels.</summary>
    public static (double OverExposed, double UnderExposed) Measure(ReadOnlySpan<byte> pixels)
    {
        if (pixels.IsEmpty)
        {
            return (0, 0);
        }

        var (top, bottom) = Count(pixels, byte.MaxValue);
        return ((double)top / pixels.Length, (double)bottom / pixels.Length);
    }

    /// <summary>Over-exposed (top of the observed bit range) and under-exposed (0) fractions of 16-bit pixels.</summary>
    public static (double OverExposed, double UnderExposed) Measure(ReadOnlySpan<ushort> pixels)
    {
        if (pixels.IsEmpty)
        {
            return (0, 0);
        }

        var (top, bottom) = Count(pixels, TopOfObservedRange(pixels));
        return ((double)top / pixels.Length, (double)bottom / pixels.Length);
    }

    /// <summary>The top of the observed bit range: 2^b - 1 for the bit length b (at least 8) of the brightest pixel.</summary>
    public static ushort TopOfObservedRange(ReadOnlySpan<ushort> pixels)
    {
        var max = pixels.IsEmpty ? (ushort)0 : System.Numerics.Tensors.TensorPrimitives.Max(pixels);
        var bits = Math.Max(8, 32 - BitOperations.LeadingZeroCount((uint)max));
        return (ushort)((1 << bits) - 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (long Top, long Bottom) Count<T>(ReadOnlySpan<T> pixels, T topValue)
        where T : unmanaged, IBinaryInteger<T>
    {
        long top = 0, bottom = 0;
        var i = 0;
        if (Vector256.IsHardwareAccelerated && pixels.Length >= Vector256<T>.Count)
        {
            var t = Vector256.Create(topValue);
            var z = Vector256<T>.Zero;
            ref var start = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(pixels);
            for (; i <= pixels.Length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)i);

                // One bit per lane from each comparison; popcount counts the matching pixels.
                top += BitOperations.PopCount(Vector256.Equals(v, t).ExtractMostSignificantBits());
                bottom += BitOperations.PopCount(Vector256.Equals(v, z).ExtractMostSignificantBits());
            }
        }

        for (; i < pixels.Length; i++)
        {
            if (pixels[i] == topValue)
            {
                top++;
            }
            else if (pixels[i] == T.Zero)
            {
                bottom++;
            }
        }

        return (top, bottom);
    }
}
