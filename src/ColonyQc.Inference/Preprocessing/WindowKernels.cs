using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ColonyQc.Inference.Preprocessing;

/// <summary>
/// The window kernel: normalise a window (or any block of rows) into its batch slot while summing it, or only sum it.
/// Sums use 8 float lanes over the whole window (lane j adds the elements 8i+j of each row's whole
/// 8-element chunks), reduced lane 0 to 7 into a double, plus the row remainders added in order in
/// double: the 128-bit path keeps lanes 0-3 and 4-7 in two registers and the scalar path in eight
/// locals, so every <see cref="SimdLevel"/> gives the same bits.
/// </summary>
internal static unsafe class WindowKernels
{
    /// <summary>
    /// Reads the <paramref name="width"/> x <paramref name="height"/> block starting at
    /// <paramref name="source"/>[0] (rows <paramref name="pitch"/> apart), writes <c>(v - mean) * invStd</c>
    /// to <paramref name="destination"/> (rows packed, unless it is empty) and returns the sum and
    /// the sum of squares of <c>v - shift</c>. Summing about a shift close to the values (the window's
    /// first pixel) keeps the variance of a flat window exactly zero instead of a cancellation residue.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double Sum, double SumSquares) NormaliseAndSum(ReadOnlySpan<float> source, int pitch, int width, int height, Span<float> destination, float mean, float invStd, float shift, SimdLevel level)
    {
        if (source.Length < ((long)(height - 1) * pitch) + width || (!destination.IsEmpty && destination.Length < width * height))
        {
            throw new ArgumentOutOfRangeException(nameof(source), "the window does not fit the source or destination span");
        }

        var write = !destination.IsEmpty;

        // (v - 0) * 1 is v exactly, so the identity normalisation may skip the arithmetic without changing a bit.
        var identity = mean == 0f && invStd == 1f;
        var whole = width & ~7;
        double remainderSum = 0, remainderSquares = 0;
        var laneSums = stackalloc float[8];
        var laneSquares = stackalloc float[8];
        fixed (float* src0 = source)
        fixed (float* dst0 = destination)
        {
            if (level == SimdLevel.Vector256)
            {
                Vector256<float> s = default, q = default;
                var m = Vector256.Create(mean);
                var k = Vector256.Create(invStd);
                var h = Vector256.Create(shift);
                for (var r = 0; r < height; r++)
                {
                    var src = src0 + ((long)r * pitch);
                    var dst = dst0 + ((long)r * width);
                    for (var x = 0; x < whole; x += 8)
                    {
                        var v = Vector256.Load(src + x);
                        var d = v - h;
                        s += d;
                        q += d * d;
                        if (write)
                        {
                            (identity ? v : (v - m) * k).Store(dst + x);
                        }
                    }

                    Remainder(src, dst, whole, width, write, mean, invStd, shift, ref remainderSum, ref remainderSquares);
                }

                s.Store(laneSums);
                q.Store(laneSquares);
            }
            else if (level == SimdLevel.Vector128)
            {
                Vector128<float> sLo = default, sHi = default, qLo = default, qHi = default;
                var m = Vector128.Create(mean);
                var k = Vector128.Create(invStd);
                var h = Vector128.Create(shift);
                for (var r = 0; r < height; r++)
                {
                    var src = src0 + ((long)r * pitch);
                    var dst = dst0 + ((long)r * width);
                    for (var x = 0; x < whole; x += 8)
                    {
                        var lo = Vector128.Load(src + x);
                        var hi = Vector128.Load(src + x + 4);
                        var dLo = lo - h;
                        var dHi = hi - h;
                        sLo += dLo;
                        sHi += dHi;
                        qLo += dLo * dLo;
                        qHi += dHi * dHi;
                        if (write)
                        {
                            (identity ? lo : (lo - m) * k).Store(dst + x);
                            (identity ? hi : (hi - m) * k).Store(dst + x + 4);
                        }
                    }

                    Remainder(src, dst, whole, width, write, mean, invStd, shift, ref remainderSum, ref remainderSquares);
                }

                sLo.Store(laneSums);
                sHi.Store(laneSums + 4);
                qLo.Store(laneSquares);
                qHi.Store(laneSquares + 4);
            }
            else
            {
                for (var j = 0; j < 8; j++)
                {
                    laneSums[j] = 0;
                    laneSquares[j] = 0;
                }

                for (var r = 0; r < height; r++)
                {
                    var src = src0 + ((long)r * pitch);
                    var dst = dst0 + ((long)r * width);
                    for (var x = 0; x < whole; x += 8)
                    {
                        for (var j = 0; j < 8; j++)
                        {
                            var v = src[x + j];
                            var d = v - shift;
                            laneSums[j] += d;
                            laneSquares[j] += d * d;
                            if (write)
                            {
                                dst[x + j] = identity ? v : (v - mean) * invStd;
                            }
                        }
                    }

                    Remainder(src, dst, whole, width, write, mean, invStd, shift, ref remainderSum, ref remainderSquares);
                }
            }
        }

        double sum = 0, squares = 0;
        for (var j = 0; j < 8; j++)
        {
            sum += laneSums[j];
            squares += laneSquares[j];
        }

        return (sum + remainderSum, squares + remainderSquares);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Remainder(float* src, float* dst, int from, int width, bool write, float mean, float invStd, float shift, ref double sum, ref double squares)
    {
        for (var x = from; x < width; x++)
        {
            var v = src[x];
            var d = v - shift;
            sum += d;
            squares += d * d;
            if (write)
            {
                dst[x] = (v - mean) * invStd;
            }
        }
    }
}
