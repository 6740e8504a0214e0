using ColonyQc.Inference.Model;
using ColonyQc.Inference.Preprocessing;
using ColonyQc.Training.Data;

namespace ColonyQc.Training.Calibration;

/// <summary>
/// Calibrates the quality-gate limits from the training images (percentiles, so they follow the
/// lab's own imaging rather than fixed numbers): the texture below which a window is empty
/// background and does not vote, and the focus below which an image is out of focus.
/// </summary>
public static class QualityGateCalibrator
{
    /// <summary>Share of colony windows allowed to fall below the voting limit.</summary>
    public const double ColonyWindowPercentile = 0.05;

    /// <summary>Without annotations: share of all windows below the voting limit, halved (only the flattest background is cut).</summary>
    public const double AllWindowPercentile = 0.10;

    /// <summary>Focus limit as a share of the 2nd percentile of training focus: images far blurrier than any training image.</summary>
    public const double FocusMargin = 0.5;

    /// <summary>
    /// Limits from <paramref name="images"/> (the training part). With colony boxes the voting limit
    /// is the 5th percentile of the texture of windows mostly covered by a colony (or halfway to the
    /// 95th percentile of background windows when that is lower); without boxes half the 10th
    /// percentile of all windows. Exposure and empty-field limits keep their defaults.
    /// </summary>
    public static QualityGateLimits Calibrate(IReadOnlyList<CanonicalImage> images, int windowSize, int stride, QualityGateLimits? defaults = null)
    {
        defaults ??= new QualityGateLimits();
        var colony = new List<double>();
        var background = new List<double>();
        var all = new List<double>();
        var focus = new List<double>();
        foreach (var image in images)
        {
            focus.Add(FocusMeasure(image.Pixels, image.Width, image.Height));
            var layout = WindowLayout.For(image.Width, image.Height, windowSize, stride);
            for (var w = 0; w < layout.Count; w++)
            {
                var (x, y) = layout.Origin(w);
                var texture = WindowTexture.Measure(image.Pixels, image.Width, x, y, windowSize, TextureMeasure.QuadraticDetrendedStd);
                all.Add(texture);
                if (image.Colonies is null)
                {
                    continue;
                }

                var covered = image.Colonies.Sum(c => c.OverlapArea(x, y, windowSize)) / ((double)windowSize * windowSize);
                if (covered >= 0.5)
                {
                    colony.Add(texture);
                }
                else if (covered <= 0.01)
                {
                    background.Add(texture);
                }
            }
        }

        double minTexture;
        if (colony.Count >= 10)
        {
            // Between the two populations when they separate, so most colony windows vote and most
            // background windows do not; else colony windows win.
            minTexture = Percentile(colony, ColonyWindowPercentile);
            var backgroundHigh = background.Count >= 10 ? Percentile(background, 0.95) : double.PositiveInfinity;
            if (backgroundHigh < minTexture)
            {
                minTexture = (minTexture + backgroundHigh) / 2;
            }
        }
        else
        {
            minTexture = 0.5 * Percentile(all, AllWindowPercentile);
        }

        return defaults with
        {
            MinWindowTexture = minTexture,

            // The limit is for the measure it was computed with, whatever the defaults (e.g. a version 1 base model) named.
            TextureMeasure = TextureMeasure.QuadraticDetrendedStd,
            MinFocus = FocusMargin * Percentile(focus, 0.02),
        };
    }

    /// <summary>The q-quantile (0..1) of <paramref name="values"/> by linear interpolation; 0 when empty.</summary>
    public static double Percentile(IReadOnlyList<double> values, double q)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        var position = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(position);
        var hi = Math.Min(sorted.Length - 1, lo + 1);
        return sorted[lo] + ((sorted[hi] - sorted[lo]) * (position - lo));
    }

    /// <summary>Variance of the 4-neighbour Laplacian over the interior of a [0,1] plane (the manifest's focus measure).</summary>
    public static double FocusMeasure(ReadOnlySpan<float> plane, int width, int height)
    {
        if (width < 3 || height < 3)
        {
            return 0;
        }

        double sum = 0, squares = 0;
        long n = 0;
        for (var y = 1; y < height - 1; y++)
        {
            for (var x = 1; x < width - 1; x++)
            {
                var i = (y * width) + x;
                double lap = plane[i - 1] + plane[i + 1] + plane[i - width] + plane[i + width] - (4 * plane[i]);
                sum += lap;
                squares += lap * lap;
                n++;
            }
        }

        var mean = sum / n;
        return (squares / n) - (mean * mean);
    }
}
