using System.Buffers;
using ColonyQc.Inference.Model;

namespace ColonyQc.Inference.Preprocessing;

/// <summary>
/// How much texture a window has. By default (<see cref="TextureMeasure.QuadraticDetrendedStd"/>) the
/// standard deviation of its canonical [0,1] pixels after removing their least-squares quadratic
/// surface, so lamp gradient and vignetting, which are smooth over a window, do not count as texture; older
/// models name <see cref="TextureMeasure.Std"/>, the plain standard deviation. Windows below the
/// manifest's <c>MinWindowTexture</c> do not vote. Cheap (one pass), and <see cref="BatchWriter"/>
/// computes the same value, bit for bit, while it copies the window into a batch.
/// </summary>
public static class WindowTexture
{
    /// <summary>
    /// The detrended texture of the <paramref name="size"/> x <paramref name="size"/> window at
    /// (<paramref name="x"/>, <paramref name="y"/>) of a row-major plane <paramref name="planeWidth"/>
    /// wide. Parts of the window past the plane are read by mirror reflection, as the batch does.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The width or size is not positive, or the plane length is not a multiple of the width.</exception>
    public static double Measure(ReadOnlySpan<float> plane, int planeWidth, int x, int y, int size) =>
        Measure(plane, planeWidth, x, y, size, TextureMeasure.QuadraticDetrendedStd, SimdSupport.Best);

    /// <summary>As <see cref="Measure(ReadOnlySpan{float}, int, int, int, int)"/>, by the given <paramref name="measure"/> (the one a model's manifest names).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The width or size is not positive, the plane length is not a multiple of the width, or the measure is unknown.</exception>
    public static double Measure(ReadOnlySpan<float> plane, int planeWidth, int x, int y, int size, TextureMeasure measure) =>
        Measure(plane, planeWidth, x, y, size, measure, SimdSupport.Best);

    internal static double Measure(ReadOnlySpan<float> plane, int planeWidth, int x, int y, int size, TextureMeasure measure, SimdLevel level)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(planeWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        CheckKnown(measure);
        if (plane.Length == 0 || plane.Length % planeWidth != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(plane), plane.Length, $"the plane length is not a positive multiple of its width {planeWidth}");
        }

        level = SimdSupport.Clamp(level);
        return SumWindow(plane, planeWidth, plane.Length / planeWidth, x, y, size, Span<float>.Empty, 0f, 1f, level).Texture(measure);
    }

    /// <summary>Refuses a measure this code cannot compute (e.g. a value cast from a newer manifest).</summary>
    internal static void CheckKnown(TextureMeasure measure)
    {
        if (measure is not (TextureMeasure.Std or TextureMeasure.QuadraticDetrendedStd))
        {
            throw new ArgumentOutOfRangeException(nameof(measure), measure, "unknown texture measure");
        }
    }

    /// <summary>
    /// Normalises the window into <paramref name="destination"/> (unless empty) and returns its
    /// moments about its first pixel; a window past the plane is first copied with reflection, so the
    /// trend is always fitted to the full, reflected window grid. The one path
    /// <see cref="Measure(ReadOnlySpan{float}, int, int, int, int)"/> and <see cref="BatchWriter"/> share.
    /// </summary>
    internal static WindowMoments SumWindow(ReadOnlySpan<float> plane, int planeWidth, int planeHeight, int x, int y, int size, Span<float> destination, float mean, float invStd, SimdLevel level)
    {
        var shift = plane[(WindowLayout.ReflectIndex(y, planeHeight) * planeWidth) + WindowLayout.ReflectIndex(x, planeWidth)];
        if (x >= 0 && y >= 0 && x + size <= planeWidth && y + size <= planeHeight)
        {
            var start = (y * planeWidth) + x;
            return WindowKernels.NormaliseAndMoments(plane[start..], planeWidth, size, size, destination, mean, invStd, shift, level);
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

            return WindowKernels.NormaliseAndMoments(padded.AsSpan(0, size * size), size, size, size, destination, mean, invStd, shift, level);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(padded);
        }
    }
}
