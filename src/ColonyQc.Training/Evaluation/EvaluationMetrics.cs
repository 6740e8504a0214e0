using ColonyQc.Training.Calibration;

namespace ColonyQc.Training.Evaluation;

/// <summary>The evaluation of a model on labelled images (saved as metrics.json and attached to the manifest).</summary>
public sealed record EvaluationMetrics
{
    /// <summary>Class names in the model's order.</summary>
    public required IReadOnlyList<string> ClassNames { get; init; }

    /// <summary>Images evaluated.</summary>
    public required int Images { get; init; }

    /// <summary>Counts, rows = true class, columns = predicted class (class-name order).</summary>
    public required IReadOnlyList<IReadOnlyList<long>> ConfusionMatrix { get; init; }

    /// <summary>Precision, recall, F1 and support per class.</summary>
    public required IReadOnlyList<ClassMetrics> PerClass { get; init; }

    /// <summary>Mean of the per-class F1.</summary>
    public required double MacroF1 { get; init; }

    /// <summary>Share of correct images (ML.NET micro-accuracy).</summary>
    public required double Accuracy { get; init; }

    /// <summary>Mean per-class recall (ML.NET macro-accuracy).</summary>
    public required double MacroAccuracy { get; init; }

    /// <summary>Mean negative log-probability of the true class (calibrated probabilities), from ML.NET.</summary>
    public required double LogLoss { get; init; }

    /// <summary>ML.NET's log-loss reduction against the class-prior predictor.</summary>
    public required double LogLossReduction { get; init; }

    /// <summary>The model's softmax temperature.</summary>
    public required double Temperature { get; init; }

    /// <summary>Expected calibration error at temperature 1 (15 bins).</summary>
    public required double EceBeforeTemperature { get; init; }

    /// <summary>Expected calibration error at the model's temperature (15 bins).</summary>
    public required double EceAfterTemperature { get; init; }

    /// <summary>The model's review threshold.</summary>
    public required double ReviewThreshold { get; init; }

    /// <summary>Share of images at or above the review threshold (decided without review).</summary>
    public required double CoverageAtThreshold { get; init; }

    /// <summary>Accuracy of the images decided without review.</summary>
    public required double AccuracyAtThreshold { get; init; }

    /// <summary>Reliability diagram bins at temperature 1.</summary>
    public required IReadOnlyList<ReliabilityBin> ReliabilityBefore { get; init; }

    /// <summary>Reliability diagram bins at the model's temperature.</summary>
    public required IReadOnlyList<ReliabilityBin> ReliabilityAfter { get; init; }

    /// <summary>The figures as flat manifest metrics, each name prefixed with <paramref name="part"/> (e.g. "test").</summary>
    public IReadOnlyDictionary<string, double> ToManifestMetrics(string part)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [part + ".images"] = Images,
            [part + ".macroF1"] = MacroF1,
            [part + ".accuracy"] = Accuracy,
            [part + ".logLoss"] = LogLoss,
            [part + ".eceBefore"] = EceBeforeTemperature,
            [part + ".eceAfter"] = EceAfterTemperature,
            [part + ".coverageAtThreshold"] = CoverageAtThreshold,
            [part + ".accuracyAtThreshold"] = AccuracyAtThreshold,
        };
        foreach (var c in PerClass)
        {
            metrics[$"{part}.recall.{c.Name}"] = c.Recall;
            metrics[$"{part}.precision.{c.Name}"] = c.Precision;
        }

        return metrics;
    }
}
