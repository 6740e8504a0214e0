using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ColonyQc.Inference.Preprocessing;

/// <summary>
/// Row kernels for windows: normalise a row into the batch while summing it, or only sum it.
/// Sums use 8 float lanes (lane j adds elements 8i+j of the whole 8-element chunks), reduced lane 0
/// to 7 into a double, then the remainder added in order: the 128-bit path keeps lanes 0-3 and 4-7
/// in two registers and the scalar path in eight locals, so every level gives the same bits.
/// </summary>
internal static unsafe class WindowKernels
{
    /// <summary>
    /// Writes <c>(src - mean) * invStd</c> to <paramref name="destination"/> (unless it is empty) and adds
    /// the sum and the sum of squares of <c>src - shift</c>. Summing about a shift close to the
    /// values (the window's first pixel) keeps the variance of a flat window exactly zero instead of
    /// a float cancellation residue of 1e-4.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void NormaliseAndSum(ReadOnlySpan<float> source, Span<float> destination, float mean, float invStd, float shift, ref double sum, ref double sumSquares, SimdLevel level)
    {
        var n = source.Length;
        var write = !destination.IsEmpty;
        fixed (float* src = source)
        fixed (float* dst = destination)
        {
            var x = 0;
            if (level == SimdLevel.Vector256)
            {
                Vector256<float> s = default, q = default;
                var m = Vector256.Create(mean);
                var k = Vector256.Create(invStd);
                var h = Vector256.Create(shift);
                for (; x <= n - 8; x += 8)
                {
                    var v = Vector256.Load(src + x);
                    var d = v - h;
                    s += d;
                    q += d * d;
                    if (write)
                    {
                        ((v - m) * k).Store(dst + x);
                    }
                }

                for (var j = 0; j < 8; j++)
                {
                    sum += s.GetElement(j);
                    sumSquares += q.GetElement(j);
                }
            }
            else if (level == SimdLevel.Vector128)
            {
                Vector128<float> sLo = default, sHi = default, qLo = default, qHi = default;
                var m = Vector128.Create(mean);
                var k = Vector128.Create(invStd);
                var h = Vector128.Create(shift);
                for (; x <= n - 8; x += 8)
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
                        ((lo - m) * k).Store(dst + x);
                        ((hi - m) * k).Store(dst + x + 4);
                    }
                }

                for (var j = 0; j < 4; j++)
                {
                    sum += sLo.GetElement(j);
                    sumSquares += qLo.GetElement(j);
                }

                for (var j = 0; j < 4; j++)
                {
                    sum += sHi.GetElement(j);
                    sumSquares += qHi.GetElement(j);
                }
            }
            else
            {
                var s = stackalloc float[8];
                var q = stackalloc float[8];
                for (var j = 0; j < 8; j++)
                {
                    s[j] = 0;
                    q[j] = 0;
                }

                for (; x <= n - 8; x += 8)
                {
                    for (var j = 0; j < 8; j++)
                    {
                        var v = src[x + j];
                        var d = v - shift;
                        s[j] += d;
                        q[j] += d * d;
                        if (write)
                        {
                            dst[x + j] = (v - mean) * invStd;
                        }
                    }
                }

                for (var j = 0; j < 8; j++)
                {
                    sum += s[j];
                    sumSquares += q[j];
                }
            }

            for (; x < n; x++)
            {
                var v = src[x];
                var d = v - shift;
                sum += d;
                sumSquares += d * d;
                if (write)
                {
                    dst[x] = (v - mean) * invStd;
                }
            }
        }
    }
}
