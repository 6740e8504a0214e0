using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ColonyQc.Inference.Preprocessing;

namespace ColonyQc.Inference.Quality;

/// <summary>
/// Focus as the variance of the 4-neighbour Laplacian <c>(up + down) + (left + right) - 4 centre</c>
/// over the interior of the canonical [0,1] plane. Measured at canonical scale so one calibrated
/// limit serves every objective; sharp cell texture gives a high value, defocus a low one.
/// </summary>
public static class FocusMeter
{
    /// <summary>The variance of the Laplacian of <paramref name="plane"/> (0 for planes under 3x3).</summary>
    public static double VarianceOfLaplacian(CanonicalPlane plane)
    {
        ArgumentNullException.ThrowIfNull(plane);
        return VarianceOfLaplacian(plane.Pixels, plane.Width, plane.Height, SimdSupport.Best);
    }

    internal static unsafe double VarianceOfLaplacian(ReadOnlySpan<float> plane, int width, int height, SimdLevel level)
    {
        if (width < 3 || height < 3)
        {
            return 0;
        }

        if (plane.Length < width * height)
        {
            throw new ArgumentOutOfRangeException(nameof(plane), plane.Length, $"the plane holds {plane.Length} values, fewer than {width}x{height}");
        }

        level = SimdSupport.Clamp(level);
        var inner = width - 2;
        double sum = 0, squares = 0;
        fixed (float* p = plane)
        {
            for (var y = 1; y < height - 1; y++)
            {
                var (s, q) = RowMoments(p + ((long)(y - 1) * width) + 1, width, inner, level);
                sum += s;
                squares += q;
            }
        }

        var count = (double)inner * (height - 2);
        var mean = sum / count;
        return Math.Max(0, (squares / count) - (mean * mean));
    }

    /// <summary>
    /// The sum and sum of squares of the Laplacian of one row's columns 1..width-2 (<paramref name="up"/>
    /// points at column 1 of the row above), computed and summed in one pass with nothing stored.
    /// The Laplacian is <c>((up + down) + (left + right)) - 4 centre</c> on every level; the sums
    /// follow <see cref="WindowKernels"/>' convention (8 float lanes over the whole 8-element chunks,
    /// lane j taking elements 8i+j, reduced lane 0 to 7 into a double, then the remainder added in
    /// order in double), so every level gives the same bits, and the same bits as summing a stored
    /// Laplacian row with <c>WindowKernels.NormaliseAndSum</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe (double Sum, double Squares) RowMoments(float* up, int width, int n, SimdLevel level)
    {
        var centre = up + width;
        var down = centre + width;
        var whole = n & ~7;
        var laneSums = stackalloc float[8];
        var laneSquares = stackalloc float[8];
        if (level == SimdLevel.Vector256)
        {
            Vector256<float> s = default, q = default;
            var four = Vector256.Create(4f);
            for (var x = 0; x < whole; x += 8)
            {
                var vertical = Vector256.Load(up + x) + Vector256.Load(down + x);
                var horizontal = Vector256.Load(centre + x - 1) + Vector256.Load(centre + x + 1);
                var v = (vertical + horizontal) - (four * Vector256.Load(centre + x));
                s += v;
                q += v * v;
            }

            s.Store(laneSums);
            q.Store(laneSquares);
        }
        else if (level == SimdLevel.Vector128)
        {
            Vector128<float> sLo = default, sHi = default, qLo = default, qHi = default;
            var four = Vector128.Create(4f);
            for (var x = 0; x < whole; x += 8)
            {
                var lo = ((Vector128.Load(up + x) + Vector128.Load(down + x)) + (Vector128.Load(centre + x - 1) + Vector128.Load(centre + x + 1))) - (four * Vector128.Load(centre + x));
                var hi = ((Vector128.Load(up + x + 4) + Vector128.Load(down + x + 4)) + (Vector128.Load(centre + x + 3) + Vector128.Load(centre + x + 5))) - (four * Vector128.Load(centre + x + 4));
                sLo += lo;
                sHi += hi;
                qLo += lo * lo;
                qHi += hi * hi;
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

            for (var x = 0; x < whole; x += 8)
            {
                for (var j = 0; j < 8; j++)
                {
                    var v = Laplacian(up, centre, down, x + j);
                    laneSums[j] += v;
                    laneSquares[j] += v * v;
                }
            }
        }

        double restSum = 0, restSquares = 0;
        for (var x = whole; x < n; x++)
        {
            var v = Laplacian(up, centre, down, x);
            restSum += v;
            restSquares += v * v;
        }

        return WindowKernels.ReduceLanes(laneSums, laneSquares, restSum, restSquares);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe float Laplacian(float* up, float* centre, float* down, int x) =>
        ((up[x] + down[x]) + (centre[x - 1] + centre[x + 1])) - (4f * centre[x]);
}
