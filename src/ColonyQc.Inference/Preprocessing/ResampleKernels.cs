using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ColonyQc.Inference.Preprocessing;

/// <summary>
/// The two passes of the separable area resampler. Every lane of every vector path does exactly
/// the scalar loop's float operations in the same order (multiply, then add, tap by tap, starting
/// from zero; never a fused multiply-add), so all <see cref="SimdLevel"/>s give the same bits.
/// </summary>
internal static unsafe class ResampleKernels
{
    /// <summary>
    /// Vertical pass for one target row of an 8-bit image: <c>dst[x] = sum_t weights[t] * src[(first+t)*width + x]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Vertical8(ReadOnlySpan<byte> source, int width, int firstRow, ReadOnlySpan<float> weights, Span<float> destination, SimdLevel level)
    {
        var taps = weights.Length;
        fixed (byte* src0 = source)
        fixed (float* w = weights)
        fixed (float* dst = destination)
        {
            var src = src0 + ((long)firstRow * width);
            var x = 0;
            if (level == SimdLevel.Vector256)
            {
                for (; x <= width - 32; x += 32)
                {
                    Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
                    for (var t = 0; t < taps; t++)
                    {
                        var wt = Vector256.Create(w[t]);
                        var bytes = Vector256.Load(src + ((long)t * width) + x);

                        // Widen keeps element order: lower half of the bytes, then its lower and upper eighths.
                        var lo = Vector256.WidenLower(bytes);
                        var hi = Vector256.WidenUpper(bytes);
                        a0 += Vector256.ConvertToSingle(Vector256.WidenLower(lo).AsInt32()) * wt;
                        a1 += Vector256.ConvertToSingle(Vector256.WidenUpper(lo).AsInt32()) * wt;
                        a2 += Vector256.ConvertToSingle(Vector256.WidenLower(hi).AsInt32()) * wt;
                        a3 += Vector256.ConvertToSingle(Vector256.WidenUpper(hi).AsInt32()) * wt;
                    }

                    a0.Store(dst + x);
                    a1.Store(dst + x + 8);
                    a2.Store(dst + x + 16);
                    a3.Store(dst + x + 24);
                }
            }
            else if (level == SimdLevel.Vector128)
            {
                for (; x <= width - 16; x += 16)
                {
                    Vector128<float> a0 = default, a1 = default, a2 = default, a3 = default;
                    for (var t = 0; t < taps; t++)
                    {
                        var wt = Vector128.Create(w[t]);
                        var bytes = Vector128.Load(src + ((long)t * width) + x);
                        var lo = Vector128.WidenLower(bytes);
                        var hi = Vector128.WidenUpper(bytes);
                        a0 += Vector128.ConvertToSingle(Vector128.WidenLower(lo).AsInt32()) * wt;
                        a1 += Vector128.ConvertToSingle(Vector128.WidenUpper(lo).AsInt32()) * wt;
                        a2 += Vector128.ConvertToSingle(Vector128.WidenLower(hi).AsInt32()) * wt;
                        a3 += Vector128.ConvertToSingle(Vector128.WidenUpper(hi).AsInt32()) * wt;
                    }

                    a0.Store(dst + x);
                    a1.Store(dst + x + 4);
                    a2.Store(dst + x + 8);
                    a3.Store(dst + x + 12);
                }
            }

            for (; x < width; x++)
            {
                var acc = 0f;
                for (var t = 0; t < taps; t++)
                {
                    acc += src[((long)t * width) + x] * w[t];
                }

                dst[x] = acc;
            }
        }
    }

    /// <summary>Vertical pass for one target row of a 16-bit image (see <see cref="Vertical8"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Vertical16(ReadOnlySpan<ushort> source, int width, int firstRow, ReadOnlySpan<float> weights, Span<float> destination, SimdLevel level)
    {
        var taps = weights.Length;
        fixed (ushort* src0 = source)
        fixed (float* w = weights)
        fixed (float* dst = destination)
        {
            var src = src0 + ((long)firstRow * width);
            var x = 0;
            if (level == SimdLevel.Vector256)
            {
                for (; x <= width - 32; x += 32)
                {
                    Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
                    for (var t = 0; t < taps; t++)
                    {
                        var wt = Vector256.Create(w[t]);
                        var row = src + ((long)t * width) + x;
                        var v0 = Vector256.Load(row);
                        var v1 = Vector256.Load(row + 16);
                        a0 += Vector256.ConvertToSingle(Vector256.WidenLower(v0).AsInt32()) * wt;
                        a1 += Vector256.ConvertToSingle(Vector256.WidenUpper(v0).AsInt32()) * wt;
                        a2 += Vector256.ConvertToSingle(Vector256.WidenLower(v1).AsInt32()) * wt;
                        a3 += Vector256.ConvertToSingle(Vector256.WidenUpper(v1).AsInt32()) * wt;
                    }

                    a0.Store(dst + x);
                    a1.Store(dst + x + 8);
                    a2.Store(dst + x + 16);
                    a3.Store(dst + x + 24);
                }
            }
            else if (level == SimdLevel.Vector128)
            {
                for (; x <= width - 16; x += 16)
                {
                    Vector128<float> a0 = default, a1 = default, a2 = default, a3 = default;
                    for (var t = 0; t < taps; t++)
                    {
                        var wt = Vector128.Create(w[t]);
                        var row = src + ((long)t * width) + x;
                        var v0 = Vector128.Load(row);
                        var v1 = Vector128.Load(row + 8);
                        a0 += Vector128.ConvertToSingle(Vector128.WidenLower(v0).AsInt32()) * wt;
                        a1 += Vector128.ConvertToSingle(Vector128.WidenUpper(v0).AsInt32()) * wt;
                        a2 += Vector128.ConvertToSingle(Vector128.WidenLower(v1).AsInt32()) * wt;
                        a3 += Vector128.ConvertToSingle(Vector128.WidenUpper(v1).AsInt32()) * wt;
                    }

                    a0.Store(dst + x);
                    a1.Store(dst + x + 4);
                    a2.Store(dst + x + 8);
                    a3.Store(dst + x + 12);
                }
            }

            for (; x < width; x++)
            {
                var acc = 0f;
                for (var t = 0; t < taps; t++)
                {
                    acc += src[((long)t * width) + x] * w[t];
                }

                dst[x] = acc;
            }
        }
    }

    /// <summary>
    /// Horizontal pass for one row: <c>dst[o] = sum_k W[k][o] * row[PaddedStart[o] + k]</c> over the
    /// fixed <see cref="AxisWeights.MaxTaps"/> taps (zero weights pad short footprints).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Horizontal(ReadOnlySpan<float> row, AxisWeights weights, Span<float> destination, SimdLevel level)
    {
        var targets = weights.TargetLength;
        var taps = weights.MaxTaps;
        fixed (float* src = row)
        fixed (int* start = weights.PaddedStart)
        fixed (float* w = weights.PaddedWeights)
        fixed (float* dst = destination)
        {
            var o = 0;
            if (level == SimdLevel.Vector256 && Avx2.IsSupported)
            {
                for (; o <= targets - 8; o += 8)
                {
                    var index = Vector256.Load(start + o);
                    Vector256<float> acc = default;
                    for (var k = 0; k < taps; k++)
                    {
                        // Gather lane j = row[start[o+j] + k]: the k-th tap of 8 neighbouring targets.
                        var v = Avx2.GatherVector256(src + k, index, 4);
                        acc += v * Vector256.Load(w + ((long)k * targets) + o);
                    }

                    acc.Store(dst + o);
                }
            }
            else if (level >= SimdLevel.Vector128)
            {
                for (; o <= targets - 4; o += 4)
                {
                    int s0 = start[o], s1 = start[o + 1], s2 = start[o + 2], s3 = start[o + 3];
                    Vector128<float> acc = default;
                    for (var k = 0; k < taps; k++)
                    {
                        var v = Vector128.Create(src[s0 + k], src[s1 + k], src[s2 + k], src[s3 + k]);
                        acc += v * Vector128.Load(w + ((long)k * targets) + o);
                    }

                    acc.Store(dst + o);
                }
            }

            for (; o < targets; o++)
            {
                var s = start[o];
                var acc = 0f;
                for (var k = 0; k < taps; k++)
                {
                    acc += src[s + k] * w[((long)k * targets) + o];
                }

                dst[o] = acc;
            }
        }
    }
}
