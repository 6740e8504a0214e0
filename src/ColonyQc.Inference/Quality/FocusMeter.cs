using System.Buffers;
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

    internal static double VarianceOfLaplacian(ReadOnlySpan<float> plane, int width, int height, SimdLevel level)
    {
        if (width < 3 || height < 3)
        {
            return 0;
        }

        level = SimdSupport.Clamp(level);
        var inner = width - 2;
        var buffer = ArrayPool<float>.Shared.Rent(inner);
        try
        {
            var row = buffer.AsSpan(0, inner);
            double sum = 0, squares = 0;
            for (var y = 1; y < height - 1; y++)
            {
                LaplacianRow(plane.Slice((y - 1) * width, 3 * width), width, row, level);
                var (s, q) = WindowKernels.NormaliseAndSum(row, inner, inner, 1, Span<float>.Empty, 0f, 1f, 0f, level);
                sum += s;
                squares += q;
            }

            var count = (double)inner * (height - 2);
            var mean = sum / count;
            return Math.Max(0, (squares / count) - (mean * mean));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    /// <summary>Laplacian of the middle row of three rows, columns 1..width-2; the same operation order on every level.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void LaplacianRow(ReadOnlySpan<float> threeRows, int width, Span<float> destination, SimdLevel level)
    {
        var n = width - 2;
        fixed (float* up0 = threeRows)
        fixed (float* dst = destination)
        {
            var centre = up0 + width + 1;
            var up = up0 + 1;
            var down = up0 + (2 * width) + 1;
            var x = 0;
            if (level == SimdLevel.Vector256)
            {
                var four = Vector256.Create(4f);
                for (; x <= n - 8; x += 8)
                {
                    var vertical = Vector256.Load(up + x) + Vector256.Load(down + x);
                    var horizontal = Vector256.Load(centre + x - 1) + Vector256.Load(centre + x + 1);
                    ((vertical + horizontal) - (four * Vector256.Load(centre + x))).Store(dst + x);
                }
            }
            else if (level == SimdLevel.Vector128)
            {
                var four = Vector128.Create(4f);
                for (; x <= n - 4; x += 4)
                {
                    var vertical = Vector128.Load(up + x) + Vector128.Load(down + x);
                    var horizontal = Vector128.Load(centre + x - 1) + Vector128.Load(centre + x + 1);
                    ((vertical + horizontal) - (four * Vector128.Load(centre + x))).Store(dst + x);
                }
            }

            for (; x < n; x++)
            {
                dst[x] = ((up[x] + down[x]) + (centre[x - 1] + centre[x + 1])) - (4f * centre[x]);
            }
        }
    }
}
