using System.Buffers;
using ColonyQc.Inference.Imaging;

namespace ColonyQc.Inference.Preprocessing;

/// <summary>
/// Resamples a decoded grey image to the model's canonical scale with an area (box) filter, straight
/// from the 8- or 16-bit source to a [0,1] float plane: every target pixel is the mean of the source
/// area it covers, partial pixels counted by the fraction covered. This is the one resampler used by
/// scoring and training, so the two cannot drift apart.
/// </summary>
/// <remarks>
/// Separable: for each target row the covered source rows are combined (vertical pass, vectorised
/// along the row, with 1/255 or 1/65535 folded into the weights), then the target columns are formed
/// from that row (horizontal pass, precomputed taps per target column, four targets per vector step). The
/// target size is the source size times source/canonical scale, rounded to the nearest pixel.
/// Weights are cached per size and scale, the row buffer is pooled: no allocation per image beyond
/// the returned plane object.
/// </remarks>
public static class CanonicalResampler
{
    /// <summary>
    /// Resamples <paramref name="image"/> to <paramref name="canonicalUmPerPixel"/>.
    /// <paramref name="sourceUmPerPixel"/> is the scale of the file as stored; an image decoded with
    /// shrink-on-load (<see cref="ImageMetadata.ShrinkFactor"/> &gt; 1) has that many times coarser pixels.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A scale is not a positive finite number.</exception>
    public static CanonicalPlane Resample(GreyImage image, double sourceUmPerPixel, double canonicalUmPerPixel)
    {
        ArgumentNullException.ThrowIfNull(image);
        var effective = sourceUmPerPixel * Math.Max(1, image.Metadata.ShrinkFactor);
        return image.BitDepth == 16
            ? Resample((ReadOnlySpan<ushort>)image.Pixels16, image.Width, image.Height, effective, canonicalUmPerPixel)
            : Resample((ReadOnlySpan<byte>)image.Pixels8, image.Width, image.Height, effective, canonicalUmPerPixel);
    }

    /// <summary>Resamples a row-major 8-bit plane (values scaled by 1/255).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size or scale is not positive, or the buffer is shorter than width*height.</exception>
    public static CanonicalPlane Resample(ReadOnlySpan<byte> pixels, int width, int height, double sourceUmPerPixel, double canonicalUmPerPixel) =>
        Resample(pixels, width, height, sourceUmPerPixel, canonicalUmPerPixel, SimdSupport.Best);

    /// <summary>Resamples a row-major 16-bit plane (values scaled by 1/65535).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size or scale is not positive, or the buffer is shorter than width*height.</exception>
    public static CanonicalPlane Resample(ReadOnlySpan<ushort> pixels, int width, int height, double sourceUmPerPixel, double canonicalUmPerPixel) =>
        Resample(pixels, width, height, sourceUmPerPixel, canonicalUmPerPixel, SimdSupport.Best);

    /// <summary>The canonical size an image of the given size and scale resamples to.</summary>
    public static (int Width, int Height) TargetSize(int width, int height, double sourceUmPerPixel, double canonicalUmPerPixel)
    {
        var s = SourcePerTarget(sourceUmPerPixel, canonicalUmPerPixel);
        return (AxisWeights.TargetLengthFor(width, s), AxisWeights.TargetLengthFor(height, s));
    }

    internal static CanonicalPlane Resample(ReadOnlySpan<byte> pixels, int width, int height, double sourceUmPerPixel, double canonicalUmPerPixel, SimdLevel level) =>
        Resample<byte, EightBitPixels>(pixels, width, height, sourceUmPerPixel, canonicalUmPerPixel, level);

    internal static CanonicalPlane Resample(ReadOnlySpan<ushort> pixels, int width, int height, double sourceUmPerPixel, double canonicalUmPerPixel, SimdLevel level) =>
        Resample<ushort, SixteenBitPixels>(pixels, width, height, sourceUmPerPixel, canonicalUmPerPixel, level);

    // One body for both bit depths: TPixels is a struct, so the JIT specialises this method (and the
    // vertical kernel it calls) per depth, with no interface dispatch on the hot path.
    private static CanonicalPlane Resample<T, TPixels>(ReadOnlySpan<T> pixels, int width, int height, double sourceUmPerPixel, double canonicalUmPerPixel, SimdLevel level)
        where T : unmanaged
        where TPixels : struct, ISourcePixels<T>
    {
        var s = Validate(pixels.Length, width, height, sourceUmPerPixel, canonicalUmPerPixel);
        var vertical = AxisWeights.For(height, s, TPixels.Gain);
        var horizontal = AxisWeights.For(width, s, 1f);
        var plane = CanonicalPlane.Rent(horizontal.TargetLength, vertical.TargetLength);
        var rowBuffer = ArrayPool<float>.Shared.Rent(width + horizontal.GroupedTaps);
        try
        {
            level = SimdSupport.Clamp(level);

            // The horizontal pass reads up to GroupedTaps floats past the row with zero weight: they must be finite.
            rowBuffer.AsSpan(width, horizontal.GroupedTaps).Clear();
            var row = rowBuffer.AsSpan(0, width + horizontal.GroupedTaps);
            for (var y = 0; y < vertical.TargetLength; y++)
            {
                var taps = vertical.Packed.AsSpan(y * vertical.MaxTaps, vertical.Count[y]);
                ResampleKernels.Vertical<T, TPixels>(pixels, width, vertical.First[y], taps, row[..width], level);
                ResampleKernels.Horizontal(row, horizontal, plane.Row(y), level);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rowBuffer);
        }

        return plane;
    }

    private static double SourcePerTarget(double sourceUmPerPixel, double canonicalUmPerPixel)
    {
        if (!double.IsFinite(sourceUmPerPixel) || sourceUmPerPixel <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sourceUmPerPixel), sourceUmPerPixel, "the source scale must be a positive number of micrometres per pixel");
        }

        if (!double.IsFinite(canonicalUmPerPixel) || canonicalUmPerPixel <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(canonicalUmPerPixel), canonicalUmPerPixel, "the canonical scale must be a positive number of micrometres per pixel");
        }

        return canonicalUmPerPixel / sourceUmPerPixel;
    }

    private static double Validate(int pixels, int width, int height, double sourceUmPerPixel, double canonicalUmPerPixel)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (pixels < (long)width * height)
        {
            throw new ArgumentOutOfRangeException(nameof(pixels), pixels, $"the pixel buffer holds {pixels} values, fewer than {width}x{height}");
        }

        return SourcePerTarget(sourceUmPerPixel, canonicalUmPerPixel);
    }
}
