using ColonyQc.Inference.Model;
using ColonyQc.Inference.Scoring;
using Xunit;

namespace ColonyQc.Inference.Tests.Scoring;

public class WindowAggregatorTests
{
    private static readonly int[] Three = [0, 1, 2];

    public static TheoryData<AggregationRule, double, int[]> GradientCases => new()
    {
        { AggregationRule.OrderedPNorm, 8, Three },
        { AggregationRule.OrderedPNorm, 2, Three },
        { AggregationRule.OrderedNoisyOr, 0, Three },
        { AggregationRule.Mean, 0, Three },
        { AggregationRule.OrderedPNorm, 8, [0, 1] },
        { AggregationRule.OrderedPNorm, 8, [0, 1, 1, 2] },
        { AggregationRule.OrderedNoisyOr, 0, [2, 0, 1] },
    };

    [Fact]
    public void One_sure_abnormal_window_among_good_ones_makes_the_image_abnormal()
    {
        foreach (var rule in new[] { AggregationRule.OrderedPNorm, AggregationRule.OrderedNoisyOr, AggregationRule.WorstWindowHierarchy })
        {
            var aggregator = new WindowAggregator(Three, new ImageAggregation(rule));
            var windows = Windows(40, w => w == 17 ? [0.01f, 0.01f, 0.98f] : [0.97f, 0.02f, 0.01f]);
            var image = new float[3];
            aggregator.Aggregate(windows, new bool[40], image);
            Assert.Equal(2, WindowAggregator.ArgMax(image));
            Assert.Equal(17, aggregator.DecidingWindow(windows, new bool[40], 2));
        }
    }

    [Fact]
    public void Many_slightly_suspicious_windows_move_the_p_norm_far_less_than_the_noisy_or()
    {
        // 40 windows, each 5% abnormal: the noisy-OR calls that 87% abnormal, the p-norm about 8%.
        var windows = Windows(40, _ => [0.9f, 0.05f, 0.05f]);
        var voting = new bool[40];
        var pnorm = new float[3];
        var noisyOr = new float[3];
        new WindowAggregator(Three, new ImageAggregation(AggregationRule.OrderedPNorm, 8)).Aggregate(windows, voting, pnorm);
        new WindowAggregator(Three, new ImageAggregation(AggregationRule.OrderedNoisyOr)).Aggregate(windows, voting, noisyOr);
        Assert.Equal(1 - Math.Pow(0.95, 40), noisyOr[2], 4);
        Assert.Equal(0.05 * Math.Pow(40, 1.0 / 8), pnorm[2], 4);
        Assert.Equal(0, WindowAggregator.ArgMax(pnorm));
    }

    [Theory]
    [InlineData(AggregationRule.OrderedPNorm)]
    [InlineData(AggregationRule.OrderedNoisyOr)]
    [InlineData(AggregationRule.Mean)]
    public void Image_probabilities_are_a_distribution_and_ignore_windows_that_do_not_vote(AggregationRule rule)
    {
        var random = new Random(3);
        var aggregator = new WindowAggregator([0, 1, 1, 2], new ImageAggregation(rule));
        for (var trial = 0; trial < 200; trial++)
        {
            var n = random.Next(1, 30);
            var windows = RandomWindows(random, n, 4);
            var voting = Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.6).ToArray();
            var image = new float[4];
            aggregator.Aggregate(windows, voting, image);
            Assert.All(image, p => Assert.InRange(p, 0f, 1f));
            Assert.Equal(1.0, image.Sum(), 5);

            // A non-voting window may say anything.
            var changed = (float[])windows.Clone();
            var silent = Array.IndexOf(voting, false);
            if (silent >= 0 && voting.Contains(true))
            {
                changed.AsSpan(silent * 4, 4).Fill(0.25f);
                var again = new float[4];
                aggregator.Aggregate(changed, voting, again);
                Assert.Equal(image, again);
            }
        }
    }

    [Theory]
    [MemberData(nameof(GradientCases))]
    public void Backward_matches_finite_differences(AggregationRule rule, double exponent, int[] severities)
    {
        var classes = severities.Length;
        var aggregator = new WindowAggregator(severities, new ImageAggregation(rule, exponent == 0 ? ImageAggregation.DefaultExponent : exponent));
        var random = new Random(7);
        for (var trial = 0; trial < 20; trial++)
        {
            var n = random.Next(1, 12);
            var windows = RandomWindows(random, n, classes);
            var voting = Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.7).ToArray();
            var weights = Enumerable.Range(0, classes).Select(_ => random.NextDouble() - 0.5).ToArray();
            double Loss(float[] w)
            {
                var image = new float[classes];
                aggregator.Aggregate(w, voting, image);
                return image.Select((p, c) => p * weights[c]).Sum();
            }

            var gradient = new double[windows.Length];
            aggregator.Backward(windows, voting, weights, gradient);
            for (var i = 0; i < windows.Length; i++)
            {
                const float H = 1e-3f;
                var plus = (float[])windows.Clone();
                var minus = (float[])windows.Clone();
                plus[i] += H;
                minus[i] -= H;
                var at = Loss(windows);
                var right = (Loss(plus) - at) / H;
                var left = (at - Loss(minus)) / H;
                if (Math.Abs(right - left) > 1e-2 + (0.05 * Math.Abs(right)))
                {
                    // A kink (the p-norm's cap at 1, or a level probability clamped at 0) within H: no derivative to compare.
                    continue;
                }

                var numeric = (right + left) / 2;
                Assert.True(Math.Abs(numeric - gradient[i]) < 2e-3 + (2e-2 * Math.Abs(numeric)), $"{rule}, trial {trial}, value {i}: analytic {gradient[i]:G5}, numeric {numeric:G5}");
            }
        }
    }

    [Fact]
    public void The_legacy_hierarchy_is_what_version_2_manifests_with_the_three_names_get()
    {
        var manifest = new ModelManifest
        {
            FormatVersion = 2,
            Architecture = "x",
            ClassNames = ["abnormal", "good", "differentiating"],
            WindowSize = 8,
            WindowStride = 8,
            UmPerPixel = 2,
            Normalization = new InputNormalization(),
        };
        Assert.Equal([2, 0, 1], manifest.Severities());
        Assert.Equal(AggregationRule.WorstWindowHierarchy, manifest.ImageAggregationRule().Rule);
        var aggregator = WindowAggregator.For(manifest);
        Assert.False(aggregator.HasGradient);

        // Window 0: d/(d+g) = 0.5; window 1: abnormal 0.3. Image: abnormal 0.3, differentiating 0.7 * 0.5.
        float[] windows = [0.0f, 0.4f, 0.4f, 0.3f, 0.7f, 0.0f];
        var image = new float[3];
        aggregator.Aggregate(windows, [true, true], image);
        Assert.Equal(0.3f, image[0], 5);
        Assert.Equal(0.35f, image[2], 5);
        Assert.Equal(0.35f, image[1], 5);
        Assert.Throws<NotSupportedException>(() => aggregator.Backward(windows, [true, true], new double[3], new double[6]));
    }

    [Fact]
    public void Unknown_class_sets_of_old_manifests_are_unordered_and_averaged()
    {
        var manifest = new ModelManifest
        {
            FormatVersion = 2,
            Architecture = "x",
            ClassNames = ["ok", "bad"],
            WindowSize = 8,
            WindowStride = 8,
            UmPerPixel = 2,
            Normalization = new InputNormalization(),
        };
        Assert.Equal([0, 0], manifest.Severities());
        Assert.Equal(AggregationRule.Mean, manifest.ImageAggregationRule().Rule);
    }

    [Fact]
    public void A_bad_severity_list_or_exponent_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new WindowAggregator([], new ImageAggregation()));
        Assert.Throws<ArgumentException>(() => new WindowAggregator([0, -1], new ImageAggregation()));
        Assert.Throws<ArgumentException>(() => new WindowAggregator([0, 1], new ImageAggregation(AggregationRule.OrderedPNorm, 0.5)));
        Assert.Throws<ArgumentException>(() => new WindowAggregator([0, 1], new ImageAggregation(AggregationRule.WorstWindowHierarchy)));
    }

    private static float[] Windows(int count, Func<int, float[]> window) =>
        Enumerable.Range(0, count).SelectMany(window).ToArray();

    private static float[] RandomWindows(Random random, int windows, int classes)
    {
        var values = new float[windows * classes];
        for (var w = 0; w < windows; w++)
        {
            var logits = Enumerable.Range(0, classes).Select(_ => (float)((random.NextDouble() * 6) - 3)).ToArray();
            WindowAggregator.Softmax(logits, 1, values.AsSpan(w * classes, classes));
        }

        return values;
    }
}
