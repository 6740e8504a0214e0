using ColonyQc.Training.Calibration;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ColonyQc.Training.Evaluation;

/// <summary>
/// Computes <see cref="EvaluationMetrics"/> from scored images: confusion matrix, per-class
/// precision/recall, accuracy and log-loss from ML.NET's <c>MulticlassClassification.Evaluate</c>
/// (over an IDataView of label key and score vector); F1 from ML.NET's precision and recall;
/// calibration error and coverage at the review threshold from <see cref="CalibrationError"/> and
/// <see cref="ReviewThreshold"/>.
/// </summary>
public static class MetricsCalculator
{
    /// <summary>The figures for <paramref name="images"/> of a model with the given classes, temperature and review threshold.</summary>
    /// <exception cref="ArgumentException">No images, or a probability vector of the wrong length.</exception>
    public static EvaluationMetrics Compute(IReadOnlyList<string> classNames, IReadOnlyList<ScoredImage> images, double temperature, double reviewThreshold)
    {
        if (images.Count == 0)
        {
            throw new ArgumentException("evaluation needs at least one scored image", nameof(images));
        }

        var classes = classNames.Count;
        foreach (var image in images)
        {
            if (image.Probabilities.Count != classes || image.UncalibratedProbabilities.Count != classes)
            {
                throw new ArgumentException($"{image.Path}: {image.Probabilities.Count} probabilities for {classes} classes", nameof(images));
            }
        }

        var ml = new MLContext(seed: 0);
        var schema = SchemaDefinition.Create(typeof(EvaluationRow));
        schema[nameof(EvaluationRow.Label)].ColumnType = new KeyDataViewType(typeof(uint), classes);
        schema[nameof(EvaluationRow.PredictedLabel)].ColumnType = new KeyDataViewType(typeof(uint), classes);
        schema[nameof(EvaluationRow.Score)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, classes);

        // LoadFromEnumerable takes key properties 0-based and adds ML.NET's own offset (its raw
        // key 0 means missing), so class index c is stored as c.
        var rows = images.Select(i => new EvaluationRow
        {
            Label = (uint)i.Label,
            PredictedLabel = (uint)i.Predicted,
            Score = i.Probabilities.ToArray(),
        });
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var result = ml.MulticlassClassification.Evaluate(data, nameof(EvaluationRow.Label), nameof(EvaluationRow.Score), nameof(EvaluationRow.PredictedLabel));

        var matrix = result.ConfusionMatrix;
        var counts = new List<IReadOnlyList<long>>();
        var perClass = new List<ClassMetrics>();
        for (var c = 0; c < classes; c++)
        {
            var row = new long[classes];
            for (var p = 0; p < classes; p++)
            {
                row[p] = c < matrix.Counts.Count && p < matrix.Counts[c].Count ? (long)Math.Round(matrix.Counts[c][p]) : 0;
            }

            counts.Add(row);
        }

        for (var c = 0; c < classes; c++)
        {
            var precision = c < matrix.PerClassPrecision.Count ? Clean(matrix.PerClassPrecision[c]) : 0;
            var recall = c < matrix.PerClassRecall.Count ? Clean(matrix.PerClassRecall[c]) : 0;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.Add(new ClassMetrics(classNames[c], precision, recall, f1, counts[c].Sum()));
        }

        var present = perClass.Where((c, i) => c.Support > 0 || counts.Any(r => r[i] > 0)).ToList();
        var correct = images.Select(i => i.Predicted == i.Label).ToList();
        var after = images.Select(i => i.Confidence).ToList();
        var before = images.Select(i => i.UncalibratedConfidence).ToList();
        var (coverage, accuracyAt) = ReviewThreshold.CoverageAt(after, correct, reviewThreshold);
        return new EvaluationMetrics
        {
            ClassNames = classNames,
            Images = images.Count,
            ConfusionMatrix = counts,
            PerClass = perClass,
            MacroF1 = present.Count == 0 ? 0 : present.Average(c => c.F1),
            Accuracy = result.MicroAccuracy,
            MacroAccuracy = result.MacroAccuracy,
            LogLoss = result.LogLoss,
            LogLossReduction = Clean(result.LogLossReduction),
            Temperature = temperature,
            EceBeforeTemperature = CalibrationError.Expected(before, correct),
            EceAfterTemperature = CalibrationError.Expected(after, correct),
            ReviewThreshold = reviewThreshold,
            CoverageAtThreshold = coverage,
            AccuracyAtThreshold = accuracyAt,
            ReliabilityBefore = CalibrationError.Bins(before, correct),
            ReliabilityAfter = CalibrationError.Bins(after, correct),
        };
    }

    // ML.NET reports NaN for a class never predicted (precision 0/0) or a degenerate prior.
    private static double Clean(double value) => double.IsFinite(value) ? value : 0;

    private sealed class EvaluationRow
    {
        public uint Label { get; set; }

        public uint PredictedLabel { get; set; }

        public float[] Score { get; set; } = [];
    }
}
