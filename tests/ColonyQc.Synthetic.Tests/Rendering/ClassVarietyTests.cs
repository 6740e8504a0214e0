using ColonyQc.Synthetic.Rendering;
using Xunit;
using Xunit.Abstractions;

namespace ColonyQc.Synthetic.Tests.Rendering;

/// <summary>
/// The guard against a simulator whose classes differ in some trivial global way: a
/// classifier on per-image mean and standard deviation must do no better than 60% on three
/// balanced classes (chance is 33%).
/// </summary>
public sealed class ClassVarietyTests(ITestOutputHelper output)
{
    private const int Width = 512;
    private const int Height = 384;

    [Fact]
    public void Mean_and_std_of_intensity_do_not_give_the_class_away()
    {
        var train = Features(perClass: 40, firstIndex: 0);
        var test = Features(perClass: 20, firstIndex: 10_000);

        var logistic = SoftmaxRegression.Fit(train);
        var logisticAccuracy = test.Average(s => logistic.Predict(s.Features) == s.Label ? 1.0 : 0.0);
        var centroid = NearestCentroid.Fit(train);
        var centroidAccuracy = test.Average(s => centroid.Predict(s.Features) == s.Label ? 1.0 : 0.0);

        output.WriteLine($"held-out accuracy on mean/std: logistic {logisticAccuracy:P1}, nearest centroid {centroidAccuracy:P1} (chance 33%)");
        Assert.True(logisticAccuracy <= 0.60, $"logistic regression on mean/std reached {logisticAccuracy:P0} on held-out fields");
        Assert.True(centroidAccuracy <= 0.60, $"nearest centroid on mean/std reached {centroidAccuracy:P0} on held-out fields");
    }

    [Fact]
    public void The_classifier_itself_can_learn_when_the_feature_does_carry_the_class()
    {
        // A control, so the test above cannot pass because the classifier is broken: shift one
        // class's mean and the same classifier must find it.
        var samples = Features(perClass: 10, firstIndex: 0)
            .Select(s => s with { Features = [s.Features[0] + (s.Label == 2 ? 1.0 : 0.0), s.Features[1]] })
            .ToArray();
        var model = SoftmaxRegression.Fit(samples);
        var abnormalRecall = samples.Where(s => s.Label == 2).Average(s => model.Predict(s.Features) == 2 ? 1.0 : 0.0);
        Assert.True(abnormalRecall >= 0.9, $"control recall {abnormalRecall:P0}");
    }

    private static Sample[] Features(int perClass, int firstIndex)
    {
        var samples = new Sample[perClass * 3];
        Parallel.For(0, samples.Length, i =>
        {
            var label = i % 3;
            var field = ColonySimulator.Render(new FieldRequest { Label = (ColonyClass)label, Width = Width, Height = Height, Seed = 2024, Index = firstIndex + i });
            double sum = 0, squares = 0;
            foreach (var v in field.Pixels)
            {
                sum += v;
                squares += v * (double)v;
            }

            var mean = sum / field.Pixels.Length;
            samples[i] = new Sample([mean, Math.Sqrt(Math.Max(0, (squares / field.Pixels.Length) - (mean * mean)))], label);
        });
        return samples;
    }

    internal sealed record Sample(double[] Features, int Label);

    /// <summary>Multinomial logistic regression on standardised features, by plain gradient descent.</summary>
    private sealed class SoftmaxRegression
    {
        private readonly double[] _mean;
        private readonly double[] _scale;
        private readonly double[,] _weights;

        private SoftmaxRegression(double[] mean, double[] scale, double[,] weights) => (_mean, _scale, _weights) = (mean, scale, weights);

        public static SoftmaxRegression Fit(IReadOnlyList<Sample> samples)
        {
            var d = samples[0].Features.Length;
            var mean = Enumerable.Range(0, d).Select(j => samples.Average(s => s.Features[j])).ToArray();
            var scale = Enumerable.Range(0, d).Select(j => Math.Sqrt(samples.Average(s => Math.Pow(s.Features[j] - mean[j], 2))) + 1e-12).ToArray();
            var weights = new double[3, d + 1];
            var model = new SoftmaxRegression(mean, scale, weights);
            for (var iteration = 0; iteration < 3000; iteration++)
            {
                var gradient = new double[3, d + 1];
                foreach (var s in samples)
                {
                    var x = model.Standardise(s.Features);
                    var p = model.Probabilities(x);
                    for (var k = 0; k < 3; k++)
                    {
                        var error = p[k] - (s.Label == k ? 1 : 0);
                        for (var j = 0; j <= d; j++)
                        {
                            gradient[k, j] += error * x[j];
                        }
                    }
                }

                for (var k = 0; k < 3; k++)
                {
                    for (var j = 0; j <= d; j++)
                    {
                        weights[k, j] -= 0.5 * gradient[k, j] / samples.Count;
                    }
                }
            }

            return model;
        }

        public int Predict(double[] features)
        {
            var p = Probabilities(Standardise(features));
            return Array.IndexOf(p, p.Max());
        }

        private double[] Standardise(double[] features) =>
            [.. features.Select((v, j) => (v - _mean[j]) / _scale[j]), 1.0];

        private double[] Probabilities(double[] x)
        {
            var logits = new double[3];
            for (var k = 0; k < 3; k++)
            {
                for (var j = 0; j < x.Length; j++)
                {
                    logits[k] += _weights[k, j] * x[j];
                }
            }

            var max = logits.Max();
            var exp = logits.Select(l => Math.Exp(l - max)).ToArray();
            var sum = exp.Sum();
            return [.. exp.Select(e => e / sum)];
        }
    }

    /// <summary>Nearest class centroid in standardised feature space.</summary>
    private sealed class NearestCentroid(double[] mean, double[] scale, double[][] centroids)
    {
        public static NearestCentroid Fit(IReadOnlyList<Sample> samples)
        {
            var d = samples[0].Features.Length;
            var mean = Enumerable.Range(0, d).Select(j => samples.Average(s => s.Features[j])).ToArray();
            var scale = Enumerable.Range(0, d).Select(j => Math.Sqrt(samples.Average(s => Math.Pow(s.Features[j] - mean[j], 2))) + 1e-12).ToArray();
            var centroids = Enumerable.Range(0, 3)
                .Select(k => Enumerable.Range(0, d).Select(j => samples.Where(s => s.Label == k).Average(s => (s.Features[j] - mean[j]) / scale[j])).ToArray())
                .ToArray();
            return new NearestCentroid(mean, scale, centroids);
        }

        public int Predict(double[] features)
        {
            var x = features.Select((v, j) => (v - mean[j]) / scale[j]).ToArray();
            var distances = centroids.Select(c => c.Zip(x, (a, b) => (a - b) * (a - b)).Sum()).ToArray();
            return Array.IndexOf(distances, distances.Min());
        }
    }
}
