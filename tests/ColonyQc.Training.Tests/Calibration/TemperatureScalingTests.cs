using ColonyQc.Training.Calibration;
using Xunit;

namespace ColonyQc.Training.Tests.Calibration;

public class TemperatureScalingTests
{
    // The legacy three-class hierarchy (what a version 2 manifest with these names aggregates with).
    private static readonly Inference.Scoring.WindowAggregator Classes = new([0, 1, 2], new Inference.Model.ImageAggregation(Inference.Model.AggregationRule.WorstWindowHierarchy));

    // Labels drawn from softmax(z / T) make T the maximum-likelihood temperature for logits z.
    private static List<WindowLogitSet> Sample(double trueTemperature, int count, int seed, bool singleWindow = true)
    {
        var random = new Random(seed);
        var sets = new List<WindowLogitSet>();
        for (var i = 0; i < count; i++)
        {
            var logits = new float[3];
            for (var c = 0; c < 3; c++)
            {
                logits[c] = (float)(random.NextDouble() * 8 - 4);
            }

            var p = new float[3];
            Inference.Scoring.WindowAggregator.Softmax(logits, trueTemperature, p);
            var u = random.NextDouble();
            var label = u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2;
            sets.Add(new WindowLogitSet(logits, [singleWindow], label));
        }

        return sets;
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(2.5)]
    public void Fit_recovers_the_temperature_labels_were_drawn_with(double trueTemperature)
    {
        // With one window the worst-colony aggregation is the identity, so this is plain temperature scaling.
        var sets = Sample(trueTemperature, 4000, seed: 11);
        var fitted = TemperatureScaling.Fit(sets, Classes);
        Assert.InRange(fitted, trueTemperature * 0.9, trueTemperature * 1.1);
    }

    [Fact]
    public void Fitted_temperature_has_lower_nll_than_its_neighbours()
    {
        var sets = Sample(1.7, 1000, seed: 5);
        var t = TemperatureScaling.Fit(sets, Classes);
        var at = TemperatureScaling.NegativeLogLikelihood(sets, Classes, t);
        Assert.True(at <= TemperatureScaling.NegativeLogLikelihood(sets, Classes, t * 1.05) + 1e-9);
        Assert.True(at <= TemperatureScaling.NegativeLogLikelihood(sets, Classes, t / 1.05) + 1e-9);
    }

    [Fact]
    public void Fit_refuses_an_empty_set() =>
        Assert.Throws<ArgumentException>(() => TemperatureScaling.Fit([], Classes));
}
