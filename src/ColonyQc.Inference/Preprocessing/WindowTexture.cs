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
        var planeHeight = plane.Length / planeWidth;
        double sum = 0, squares = 0;
        var shift = plane[(WindowLayout.ReflectIndex(y, planeHeight) * planeWidth) + WindowLayout.ReflectIndex(x, planeWidth)];
        var inside = x >= 0 && y >= 0 && x + size <= planeWidth && y + size <= planeHeight;
        float[]? padded = inside ? null : ArrayPool<float>.Shared.Rent(size);
        try
        {
            for (var r = 0; r < size; r++)
            {
                var row = inside
                    ? plane.Slice(((y + r) * planeWidth) + x, size)
                    : ReflectedRow(plane, planeWidth, planeHeight, x, y + r, padded.AsSpan(0, size));
                WindowKernels.NormaliseAndSum(row, Span<float>.Empty, 0f, 1f, shift, ref sum, ref squares, level);
            }
        }
        finally
        {
            if (padded is not null)
            {
                ArrayPool<float>.Shared.Return(padded);
            }
        }

        return FromMoments((double)size * size, sum, squares);
    }

    /// <summary>Fills <paramref name="row"/> with plane row <paramref name="y"/> from column <paramref name="x"/>, reflecting outside the plane.</summary>
    internal static ReadOnlySpan<float> ReflectedRow(ReadOnlySpan<float> plane, int planeWidth, int planeHeight, int x, int y, Span<float> row)
    {
        var source = plane.Slice(WindowLayout.ReflectIndex(y, planeHeight) * planeWidth, planeWidth);
        for (var c = 0; c < row.Length; c++)
        {
            row[c] = source[WindowLayout.ReflectIndex(x + c, planeWidth)];
        }

        return row;
    }
}
