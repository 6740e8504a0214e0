using ColonyQc.Inference.Scoring;

namespace ColonyQc.Training.Calibration;

/// <summary>
/// Fits the softmax temperature that minimises the image-level negative log-likelihood of
/// labelled images, with window probabilities aggregated exactly as scoring does. The aggregate is
/// not a softmax of one logit vector, so there is no closed form: a 1-D search over log T (a coarse
/// grid against local minima, then golden-section refinement).
/// </summary>
public static class TemperatureScaling
{
    /// <summary>Smallest temperature considered.</summary>
    public const double MinTemperature = 0.05;

    /// <summary>Largest temperature considered.</summary>
    public const double MaxTemperature = 20.0;

    // Probabilities are floored here before the log so one confident mistake cannot make the NLL infinite.
    private const double ProbabilityFloor = 1e-7;

    /// <summary>The temperature in [<see cref="MinTemperature"/>, <see cref="MaxTemperature"/>] with the lowest image NLL on <paramref name="images"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="images"/> is empty.</exception>
    public static double Fit(IReadOnlyList<WindowLogitSet> images, WindowAggregator aggregator)
    {
        if (images.Count == 0)
        {
            throw new ArgumentException("temperature scaling needs at least one labelled image", nameof(images));
        }

        double Loss(double logT) => NegativeLogLikelihood(images, aggregator, Math.Exp(logT));

        var lo = Math.Log(MinTemperature);
        var hi = Math.Log(MaxTemperature);
        const int GridPoints = 41;
        var step = (hi - lo) / (GridPoints - 1);
        var best = lo;
        var bestLoss = double.PositiveInfinity;
        for (var i = 0; i < GridPoints; i++)
        {
            var t = lo + (i * step);
            var loss = Loss(t);
            if (loss < bestLoss)
            {
                bestLoss = loss;
                best = t;
            }
        }

        var a = Math.Max(lo, best - step);
        var b = Math.Min(hi, best + step);
        var ratio = (Math.Sqrt(5) - 1) / 2;
        var c = b - (ratio * (b - a));
        var d = a + (ratio * (b - a));
        var fc = Loss(c);
        var fd = Loss(d);
        for (var iteration = 0; iteration < 40; iteration++)
        {
            if (fc < fd)
            {
                b = d;
                d = c;
                fd = fc;
                c = b - (ratio * (b - a));
                fc = Loss(c);
            }
            else
            {
                a = c;
                c = d;
                fc = fd;
                d = a + (ratio * (b - a));
                fd = Loss(d);
            }
        }

        var refined = (a + b) / 2;
        return Math.Exp(Loss(refined) <= bestLoss ? refined : best);
    }

    /// <summary>Mean image-level negative log-likelihood of the true labels at <paramref name="temperature"/>.</summary>
    public static double NegativeLogLikelihood(IReadOnlyList<WindowLogitSet> images, WindowAggregator aggregator, double temperature)
    {
        double sum = 0;
        foreach (var image in images)
        {
            var p = image.ImageProbabilities(aggregator, temperature);
            sum -= Math.Log(Math.Max(ProbabilityFloor, p[image.Label]));
        }

        return sum / images.Count;
    }
}
