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
    /// Vertical pass for one target row: <c>dst[x] = sum_t weights[t] * src[(first+t)*width + x]</c>.
    /// One body for both bit depths: <typeparamref name="TPixels"/> is a struct, so the JIT compiles
    /// this method once per depth with its loads inlined.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Vertical<T, TPixels>(ReadOnlySpan<T> source, int width, int firstRow, ReadOnlySpan<float> weights, Span<float> destination, SimdLevel level)
        where T : unmanaged
        where TPixels : struct, ISourcePixels<T>
    {
        var taps = weights.Length;
        fixed (T* src0 = source)
        fixed (float* w = weights)
        fixed (float* dst = destination)
        {
            var src = src0 + ((long)firstRow * width);
            var x = 0;
            if (level == SimdLevel.Vector256 && Avx2.IsSupported)
            {
                for (; x <= width - 32; x += 32)
                {
                    VerticalChunk256<T, TPixels>(src, width, w, taps, x, dst);
                }
            }
            else if (level >= SimdLevel.Vector128)
            {
                for (; x <= width - 16; x += 16)
                {
                    Vector128<float> a0 = default, a1 = default, a2 = default, a3 = default;
                    for (var t = 0; t < taps; t++)
                    {
                        var wt = Vector128.Create(w[t]);
                        TPixels.Load128(src + ((long)t * width) + x, out var lo, out var hi);
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
                    acc += TPixels.ToSingle(src[((long)t * width) + x]) * w[t];
                }

                dst[x] = acc;
            }
        }
    }

    /// <summary>
    /// Horizontal pass for one row: target o is <c>sum_g ((p0 + p1) + (p2 + p3))</c> over groups g of
    /// four taps, <c>pk = row[First[o] + 4g + k] * Grouped[o*GroupedTaps + 4g + k]</c>, groups added in
    /// order from zero. The row must have <see cref="AxisWeights.GroupedTaps"/> zeroed floats past the
    /// source width (short footprints read them with zero weight).
    /// </summary>
    /// <remarks>
    /// The vector paths form the products of four targets with one 4-float load each and reduce
    /// them with two horizontal adds: hadd(hadd(m0, m1), hadd(m2, m3)) leaves target i's
    /// (p0 + p1) + (p2 + p3) in lane i, the same tree as the scalar loop; with AVX the two 128-bit
    /// halves do this for eight targets at once (2.4x the 128-bit path on a 2048x1536 field here).
    /// This beats an AVX2 gather of each tap for 8 targets, which measured slower than scalar code
    /// on this machine, and interleaving it with the vertical pass of the next row measured no gain.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Horizontal(ReadOnlySpan<float> row, AxisWeights weights, Span<float> destination, SimdLevel level)
    {
        var targets = weights.TargetLength;
        var taps = weights.GroupedTaps;
        fixed (float* src = row)
        fixed (int* first = weights.First)
        fixed (float* w = weights.Grouped)
        fixed (float* dst = destination)
        {
            var o = 0;
            if (level == SimdLevel.Vector256 && Avx.IsSupported)
            {
                // Eight targets per step, laid out as in HorizontalBlock256.
                fixed (float* paired = weights.Paired)
                {
                    if (taps == 4)
                    {
                        // The common case (at most 4 source pixels per target: shrinking up to 3x), with
                        // no group loop, so the JIT keeps everything in registers.
                        for (; o <= targets - 8; o += 8)
                        {
                            HorizontalBlock256(src, first, paired, o, dst);
                        }
                    }

                    for (; o <= targets - 8; o += 8)
                    {
                        var f = first + o;
                        var wb = paired + ((long)o * taps);
                        Vector256<float> acc = default;
                        for (var g = 0; g < taps; g += 4)
                        {
                            var wg = wb + (8 * g);
                            var m0 = Vector256.Create(Vector128.Load(src + f[0] + g), Vector128.Load(src + f[4] + g)) * Vector256.Load(wg);
                            var m1 = Vector256.Create(Vector128.Load(src + f[1] + g), Vector128.Load(src + f[5] + g)) * Vector256.Load(wg + 8);
                            var m2 = Vector256.Create(Vector128.Load(src + f[2] + g), Vector128.Load(src + f[6] + g)) * Vector256.Load(wg + 16);
                            var m3 = Vector256.Create(Vector128.Load(src + f[3] + g), Vector128.Load(src + f[7] + g)) * Vector256.Load(wg + 24);
                            acc += Avx.HorizontalAdd(Avx.HorizontalAdd(m0, m1), Avx.HorizontalAdd(m2, m3));
                        }

                        acc.Store(dst + o);
                    }
                }
            }

            if (level >= SimdLevel.Vector128 && Sse3.IsSupported)
            {
                for (; o <= targets - 4; o += 4)
                {
                    float* r0 = src + first[o], r1 = src + first[o + 1], r2 = src + first[o + 2], r3 = src + first[o + 3];
                    var w0 = w + ((long)o * taps);
                    Vector128<float> acc = default;
                    for (var g = 0; g < taps; g += 4)
                    {
                        var m0 = Vector128.Load(r0 + g) * Vector128.Load(w0 + g);
                        var m1 = Vector128.Load(r1 + g) * Vector128.Load(w0 + taps + g);
                        var m2 = Vector128.Load(r2 + g) * Vector128.Load(w0 + (2 * taps) + g);
                        var m3 = Vector128.Load(r3 + g) * Vector128.Load(w0 + (3 * taps) + g);
                        acc += Sse3.HorizontalAdd(Sse3.HorizontalAdd(m0, m1), Sse3.HorizontalAdd(m2, m3));
                    }

                    acc.Store(dst + o);
                }
            }

            for (; o < targets; o++)
            {
                var r = src + first[o];
                var wo = w + ((long)o * taps);
                var acc = 0f;
                for (var g = 0; g < taps; g += 4)
                {
                    acc += ((r[g] * wo[g]) + (r[g + 1] * wo[g + 1])) + ((r[g + 2] * wo[g + 2]) + (r[g + 3] * wo[g + 3]));
                }

                dst[o] = acc;
            }
        }
    }

    /// <summary>
    /// 32 target pixels of the vertical pass. The first tap starts the sums: 0 + p*w is p*w exactly,
    /// as pixels and weights are never negative (no -0 to turn into +0), and it saves one add per
    /// vector. One zero-extending load per 8 pixels (vpmovzx from memory) instead of a load and
    /// three widening steps: the same integers, so the same floats.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void VerticalChunk256<T, TPixels>(T* src, int width, float* w, int taps, int x, float* dst)
        where T : unmanaged
        where TPixels : struct, ISourcePixels<T>
    {
        var w0 = Vector256.Create(w[0]);
        var a0 = Vector256.ConvertToSingle(TPixels.Load8(src + x)) * w0;
        var a1 = Vector256.ConvertToSingle(TPixels.Load8(src + x + 8)) * w0;
        var a2 = Vector256.ConvertToSingle(TPixels.Load8(src + x + 16)) * w0;
        var a3 = Vector256.ConvertToSingle(TPixels.Load8(src + x + 24)) * w0;
        for (var t = 1; t < taps; t++)
        {
            var wt = Vector256.Create(w[t]);
            var p = src + ((long)t * width) + x;
            a0 += Vector256.ConvertToSingle(TPixels.Load8(p)) * wt;
            a1 += Vector256.ConvertToSingle(TPixels.Load8(p + 8)) * wt;
            a2 += Vector256.ConvertToSingle(TPixels.Load8(p + 16)) * wt;
            a3 += Vector256.ConvertToSingle(TPixels.Load8(p + 24)) * wt;
        }

        a0.Store(dst + x);
        a1.Store(dst + x + 8);
        a2.Store(dst + x + 16);
        a3.Store(dst + x + 24);
    }

    /// <summary>
    /// Targets o..o+7 of the horizontal pass with 4 grouped taps: lanes 0-3 hold targets o..o+3 and
    /// lanes 4-7 targets o+4..o+7, product vector k pairing target o+k (lower half) with o+4+k (upper
    /// half), weights from <see cref="AxisWeights.Paired"/>. AVX's horizontal add works within each
    /// 128-bit half, which gives every target the (p0 + p1) + (p2 + p3) tree of the scalar loop, and
    /// no add to a zero accumulator is needed: the products are never negative, so 0 + x is x.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void HorizontalBlock256(float* src, int* first, float* paired, int o, float* dst)
    {
        var f = first + o;
        var wb = paired + ((long)o * 4);
        var m0 = Vector256.Create(Vector128.Load(src + f[0]), Vector128.Load(src + f[4])) * Vector256.Load(wb);
        var m1 = Vector256.Create(Vector128.Load(src + f[1]), Vector128.Load(src + f[5])) * Vector256.Load(wb + 8);
        var m2 = Vector256.Create(Vector128.Load(src + f[2]), Vector128.Load(src + f[6])) * Vector256.Load(wb + 16);
        var m3 = Vector256.Create(Vector128.Load(src + f[3]), Vector128.Load(src + f[7])) * Vector256.Load(wb + 24);
        Avx.HorizontalAdd(Avx.HorizontalAdd(m0, m1), Avx.HorizontalAdd(m2, m3)).Store(dst + o);
    }
}
