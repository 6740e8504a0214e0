using ColonyQc.Training.Evaluation;
using Xunit;

namespace ColonyQc.Training.Tests.Evaluation;

public class MetricsCalculatorTests
{
    private static readonly string[] Classes = ["good", "differentiating", "abnormal"];

    // Confusion matrix (rows true, columns predicted):
    //   good:            4 1 0
    //   differentiating: 1 2 1
    //   abnormal:        0 0 3
    private static readonly (int Actual, int Predicted)[] Pairs =
    [
        (0, 0), (0, 0), (0, 0), (0, 0), (0, 1),
        (1, 0), (1, 1), (1, 1), (1, 2),
        (2, 2), (2, 2), (2, 2),
    ];

    private static List<ScoredImage> Images()
    {
        var list = new List<ScoredImage>();
        for (var i = 0; i < Pairs.Length; i++)
        {
            var (actual, predicted) = Pairs[i];
            var p = new float[3];
            for (var c = 0; c < 3; c++)
            {
                p[c] = c == predicted ? 0.8f : 0.1f;
            }

            var raw = p.Select(v => v == 0.8f ? 0.98f : 0.01f).ToArray();
            list.Add(new ScoredImage($"img{i}.tif", actual, p, raw));
        }

        return list;
    }

    [Fact]
    public void Mlnet_figures_equal_the_hand_computed_ones()
    {
        var m = MetricsCalculator.Compute(Classes, Images(), temperature: 1.5, reviewThreshold: 0.5);

        Assert.Equal([4L, 1, 0], m.ConfusionMatrix[0]);
        Assert.Equal([1L, 2, 1], m.ConfusionMatrix[1]);
        Assert.Equal([0L, 0, 3], m.ConfusionMatrix[2]);

        // precision good 4/5, diff 2/3, abn 3/4; recall good 4/5, diff 2/4, abn 3/3.
        Assert.Equal(0.8, m.PerClass[0].Precision, 6);
        Assert.Equal(2.0 / 3, m.PerClass[1].Precision, 6);
        Assert.Equal(0.75, m.PerClass[2].Precision, 6);
        Assert.Equal(0.8, m.PerClass[0].Recall, 6);
        Assert.Equal(0.5, m.PerClass[1].Recall, 6);
        Assert.Equal(1.0, m.PerClass[2].Recall, 6);
        var f1 = new[] { 0.8, 2 * (2.0 / 3) * 0.5 / ((2.0 / 3) + 0.5), 2 * 0.75 / 1.75 };
        Assert.Equal(f1.Average(), m.MacroF1, 6);
        Assert.Equal(9.0 / 12, m.Accuracy, 6);
        Assert.Equal((0.8 + 0.5 + 1.0) / 3, m.MacroAccuracy, 6);

        // Log-loss: right images have p(true) 0.8, wrong ones 0.1.
        var expectedLogLoss = ((9 * -Math.Log(0.8)) + (3 * -Math.Log(0.1))) / 12;
        Assert.Equal(expectedLogLoss, m.LogLoss, 4);

        // ECE after: one bin at 0.8 with accuracy 0.75; before: one bin at 0.98.
        Assert.Equal(0.05, m.EceAfterTemperature, 5);
        Assert.Equal(0.98 - 0.75, m.EceBeforeTemperature, 5);
        Assert.Equal(1.0, m.CoverageAtThreshold);
        Assert.Equal(0.75, m.AccuracyAtThreshold, 6);
    }

    [Fact]
    public void Ml_net_matches_the_confusion_counts_helper()
    {
        var confusion = new ConfusionCounts(3);
        foreach (var (a, p) in Pairs)
        {
            confusion.Add(a, p);
        }

        var m = MetricsCalculator.Compute(Classes, Images(), 1, 0.5);
        Assert.Equal(confusion.MacroF1(), m.MacroF1, 6);
        Assert.Equal(confusion.Accuracy(), m.Accuracy, 6);
    }

    [Fact]
    public void An_empty_set_is_refused() =>
        Assert.Throws<ArgumentException>(() => MetricsCalculator.Compute(Classes, [], 1, 0.5));
}
