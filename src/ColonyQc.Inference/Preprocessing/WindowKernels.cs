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

        return ReduceLanes(laneSums, laneSquares, remainderSum, remainderSquares);
    }

    /// <summary>
    /// The end of this class's summing convention, for every kernel that follows it: the 8 float
    /// lanes of the sums and squares added lane 0 to 7 into doubles, then the remainders (already
    /// summed in order in double) added last.
    /// </summary>
    public static (double Sum, double SumSquares) ReduceLanes(float* laneSums, float* laneSquares, double remainderSum, double remainderSquares)
    {
        double sum = 0, squares = 0;
        for (var j = 0; j < 8; j++)
        {
            sum += laneSums[j];
            squares += laneSquares[j];
        }

        return (sum + remainderSum, squares + remainderSquares);
    }

    /// <summary>
    /// As <see cref="NormaliseAndSum"/>, and also the moments of <c>d = v - shift</c> against the
    /// orthogonal polynomials of the block's centred coordinates <c>xc = x - (width-1)/2</c>,
    /// <c>yc = y - (height-1)/2</c>: <c>xc</c>, <c>yc</c>, <c>xc^2 - mean(xc^2)</c>,
    /// <c>yc^2 - mean(yc^2)</c> and <c>xc*yc</c>, all in the same single pass over the pixels: what
    /// <see cref="WindowTexture"/> needs to remove the window's least-squares quadratic surface. The
    /// sum and sum of squares are accumulated exactly as <see cref="NormaliseAndSum"/> does them (same
    /// lanes, same order), so they carry the same bits. Terms in <c>yc</c> are taken once per row
    /// from per-lane row sums (fewer operations per pixel); every level does the same float operations
    /// per lane, so every level gives the same bits. Centred coordinates are half-integers and their
    /// squares exact in float, which keeps the coordinate sums free of a large mean term.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static WindowMoments NormaliseAndMoments(ReadOnlySpan<float> source, int pitch, int width, int height, Span<float> destination, float mean, float invStd, float shift, SimdLevel level)
    {
        if (source.Length < ((long)(height - 1) * pitch) + width || (!destination.IsEmpty && destination.Length < width * height))
        {
            throw new ArgumentOutOfRangeException(nameof(source), "the window does not fit the source or destination span");
        }

        var write = !destination.IsEmpty;
        var identity = mean == 0f && invStd == 1f;
        var whole = width & ~7;
        var cx = (width - 1) * 0.5f;
        var cy = (height - 1) * 0.5f;
        var mx = (float)((((double)width * width) - 1) / 12);
        var my = (float)((((double)height * height) - 1) / 12);
        var rest = default(RemainderMoments);

        // Lanes: 0 sum, 1 squares, 2 xc, 3 yc, 4 xc^2 - mx, 5 yc^2 - my, 6 xc*yc (8 floats each).
        var lanes = stackalloc float[7 * 8];

        // Per-column xc and xc^2 - mx, loaded instead of computed: fewer operations and registers in
        // the inner loop, and every level reads the very same floats.
        Span<float> columns = whole <= 1024 ? stackalloc float[2 * whole] : new float[2 * whole];
        for (var x = 0; x < whole; x++)
        {
            var xc = x - cx;
            columns[x] = xc;
            columns[whole + x] = (xc * xc) - mx;
        }

        fixed (float* src0 = source)
        fixed (float* dst0 = destination)
        fixed (float* xcs = columns)
        {
            var p2s = xcs + whole;
            if (level == SimdLevel.Vector256)
            {
                Vector256<float> s = default, q = default, sx = default, sy = default, sxx = default, syy = default, sxy = default;
                var m = Vector256.Create(mean);
                var k = Vector256.Create(invStd);
                var h = Vector256.Create(shift);
                for (var r = 0; r < height; r++)
                {
                    var src = src0 + ((long)r * pitch);
                    var dst = dst0 + ((long)r * width);
                    Vector256<float> rs = default, rx = default;
                    for (var x = 0; x < whole; x += 8)
                    {
                        var v = Vector256.Load(src + x);
                        var d = v - h;
                        s += d;
                        q += d * d;
                        rs += d;
                        rx += Vector256.Load(xcs + x) * d;
                        sxx += Vector256.Load(p2s + x) * d;
                        if (write)
                        {
                            (identity ? v : (v - m) * k).Store(dst + x);
                        }
                    }

                    var yc = r - cy;
                    var yv = Vector256.Create(yc);
                    sx += rx;
                    sy += yv * rs;
                    syy += Vector256.Create((yc * yc) - my) * rs;
                    sxy += yv * rx;
                    RemainderWithMoments(src, dst, whole, width, r, cx, cy, mx, my, write, mean, invStd, shift, ref rest);
                }

                s.Store(lanes);
                q.Store(lanes + 8);
                sx.Store(lanes + 16);
                sy.Store(lanes + 24);
                sxx.Store(lanes + 32);
                syy.Store(lanes + 40);
                sxy.Store(lanes + 48);
            }
            else if (level == SimdLevel.Vector128)
            {
                Vector128<float> sLo = default, sHi = default, qLo = default, qHi = default, sxLo = default, sxHi = default, syLo = default, syHi = default;
                Vector128<float> sxxLo = default, sxxHi = default, syyLo = default, syyHi = default, sxyLo = default, sxyHi = default;
                var m = Vector128.Create(mean);
                var k = Vector128.Create(invStd);
                var h = Vector128.Create(shift);
                for (var r = 0; r < height; r++)
                {
                    var src = src0 + ((long)r * pitch);
                    var dst = dst0 + ((long)r * width);
                    Vector128<float> rsLo = default, rsHi = default, rxLo = default, rxHi = default;
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
                        rsLo += dLo;
                        rsHi += dHi;
                        rxLo += Vector128.Load(xcs + x) * dLo;
                        rxHi += Vector128.Load(xcs + x + 4) * dHi;
                        sxxLo += Vector128.Load(p2s + x) * dLo;
                        sxxHi += Vector128.Load(p2s + x + 4) * dHi;
                        if (write)
                        {
                            (identity ? lo : (lo - m) * k).Store(dst + x);
                            (identity ? hi : (hi - m) * k).Store(dst + x + 4);
                        }
                    }

                    var yc = r - cy;
                    var yv = Vector128.Create(yc);
                    var y2 = Vector128.Create((yc * yc) - my);
                    sxLo += rxLo;
                    sxHi += rxHi;
                    syLo += yv * rsLo;
                    syHi += yv * rsHi;
                    syyLo += y2 * rsLo;
                    syyHi += y2 * rsHi;
                    sxyLo += yv * rxLo;
                    sxyHi += yv * rxHi;
                    RemainderWithMoments(src, dst, whole, width, r, cx, cy, mx, my, write, mean, invStd, shift, ref rest);
                }

                sLo.Store(lanes);
                sHi.Store(lanes + 4);
                qLo.Store(lanes + 8);
                qHi.Store(lanes + 12);
                sxLo.Store(lanes + 16);
                sxHi.Store(lanes + 20);
                syLo.Store(lanes + 24);
                syHi.Store(lanes + 28);
                sxxLo.Store(lanes + 32);
                sxxHi.Store(lanes + 36);
                syyLo.Store(lanes + 40);
                syyHi.Store(lanes + 44);
                sxyLo.Store(lanes + 48);
                sxyHi.Store(lanes + 52);
            }
            else
            {
                for (var j = 0; j < 7 * 8; j++)
                {
                    lanes[j] = 0;
                }

                var rs = stackalloc float[8];
                var rx = stackalloc float[8];
                for (var r = 0; r < height; r++)
                {
                    var src = src0 + ((long)r * pitch);
                    var dst = dst0 + ((long)r * width);
                    for (var j = 0; j < 8; j++)
                    {
                        rs[j] = 0;
                        rx[j] = 0;
                    }

                    for (var x = 0; x < whole; x += 8)
                    {
                        for (var j = 0; j < 8; j++)
                        {
                            var v = src[x + j];
                            var d = v - shift;
                            lanes[j] += d;
                            lanes[8 + j] += d * d;

                            rs[j] += d;
                            rx[j] += xcs[x + j] * d;
                            lanes[32 + j] += p2s[x + j] * d;
                            if (write)
                            {
                                dst[x + j] = identity ? v : (v - mean) * invStd;
                            }
                        }
                    }

                    var yc = r - cy;
                    var y2 = (yc * yc) - my;
                    for (var j = 0; j < 8; j++)
                    {
                        lanes[16 + j] += rx[j];
                        lanes[24 + j] += yc * rs[j];
                        lanes[40 + j] += y2 * rs[j];
                        lanes[48 + j] += yc * rx[j];
                    }

                    RemainderWithMoments(src, dst, whole, width, r, cx, cy, mx, my, write, mean, invStd, shift, ref rest);
                }
            }
        }

        var totals = stackalloc double[7];
        for (var t = 0; t < 7; t++)
        {
            double total = 0;
            for (var j = 0; j < 8; j++)
            {
                total += lanes[(t * 8) + j];
            }

            totals[t] = total;
        }

        return new WindowMoments(
            width,
            height,
            totals[0] + rest.Sum,
            totals[1] + rest.Squares,
            totals[2] + rest.X,
            totals[3] + rest.Y,
            totals[4] + rest.XX,
            totals[5] + rest.YY,
            totals[6] + rest.XY);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RemainderWithMoments(float* src, float* dst, int from, int width, int row, float cx, float cy, float mx, float my, bool write, float mean, float invStd, float shift, ref RemainderMoments rest)
    {
        var yc = row - (double)cy;
        for (var x = from; x < width; x++)
        {
            var v = src[x];
            var d = v - shift;
            rest.Sum += d;
            rest.Squares += d * d;
            var xc = x - (double)cx;
            rest.X += xc * d;
            rest.Y += yc * d;
            rest.XX += ((xc * xc) - mx) * d;
            rest.YY += ((yc * yc) - my) * d;
            rest.XY += xc * yc * d;
            if (write)
            {
                dst[x] = (v - mean) * invStd;
            }
        }
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

    /// <summary>Double sums of the columns past the last whole 8-element chunk of each row.</summary>
    private struct RemainderMoments
    {
        public double Sum;
        public double Squares;
        public double X;
        public double Y;
        public double XX;
        public double YY;
        public double XY;
    }
}
