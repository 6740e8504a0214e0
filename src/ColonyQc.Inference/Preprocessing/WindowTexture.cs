using System.Buffers;

namespace ColonyQc.Inference.Preprocessing;

/// <summary>
/// How much texture a window has: the standard deviation of its canonical [0,1] pixels. Empty
/// background (flat, or only sensor noise) measures low, colonies measure high; windows below the
/// manifest's <c>MinWindowTexture</c> do not vote. Cheap, and <see cref="BatchWriter"/> computes the
/// same value, bit for bit, while it copies the window into a batch.
/// </summary>
public static class WindowTexture
{
    /// <summary>
    /// The texture of the <paramref name="size"/> x <paramref name="size"/> window at
    /// (<paramref name="x"/>, <paramref name="y"/>) of a row-major plane <paramref name="planeWidth"/>
    /// wide. Parts of the window past the plane are read by mirror reflection, as the batch does.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The width or size is not positive, or the plane length is not a multiple of the width.</exception>
    public static double Measure(ReadOnlySpan<float> plane, int planeWidth, int x, int y, int size) =>
        Measure(plane, planeWidth, x, y, size, SimdSupport.Best);

    /// <summary>Standard deviation from a pixel count and the sum and sum of squares of the pixels minus a shift.</summary>
    internal static double FromMoments(double count, double sum, double sumSquares)
    {
        var mean = sum / count;
        return Math.Sqrt(Math.Max(0, (sumSquares / count) - (mean * mean)));
    }

    internal static double Measure(ReadOnlySpan<float> plane, int planeWidth, int x, int y, int size, SimdLevel level)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(planeWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (plane.Length == 0 || plane.Length % planeWidth != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(plane), plane.Length, $"the plane length is not a positive multiple of its width {planeWidth}");
        }

        level = SimdSupport.Clamp(level);
        var (sum, squares) = SumWindow(plane, planeWidth, plane.Length / planeWidth, x, y, size, Span<float>.Empty, 0f, 1f, level);
        return FromMoments((double)size * size, sum, squares);
    }

    /// <summary>
    /// Normalises the window into <paramref name="destination"/> (unless empty) and returns its
    /// moments about its first pixel; a window past the plane is first copied with reflection.
    /// The one path <see cref="Measure(ReadOnlySpan{float}, int, int, int, int)"/> and <see cref="BatchWriter"/> share.
    /// </summary>
    internal static (double Sum, double SumSquares) SumWindow(ReadOnlySpan<float> plane, int planeWidth, int planeHeight, int x, int y, int size, Span<float> destination, float mean, float invStd, SimdLevel level)
    {
        var shift = plane[(WindowLayout.ReflectIndex(y, planeHeight) * planeWidth) + WindowLayout.ReflectIndex(x, planeWidth)];
        if (x >= 0 && y >= 0 && x + size <= planeWidth && y + size <= planeHeight)
        {
            var start = (y * planeWidth) + x;
            return WindowKernels.NormaliseAndSum(plane[start..], planeWidth, size, size, destination, mean, invStd, shift, level);
        }

        var padded = ArrayPool<float>.Shared.Rent(size * size);
        try
        {
            for (var r = 0; r < size; r++)
            {
                var row = plane.Slice(WindowLayout.ReflectIndex(y + r, planeHeight) * planeWidth, planeWidth);
                for (var c = 0; c < size; c++)
                {
                    padded[(r * size) + c] = row[WindowLayout.ReflectIndex(x + c, planeWidth)];
                }
            }

            return WindowKernels.NormaliseAndSum(padded.AsSpan(0, size * size), size, size, size, destination, mean, invStd, shift, level);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(padded);
        }
    }
}
