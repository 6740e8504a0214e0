using System.Globalization;
using ColonyQc.Inference.Model;
using ColonyQc.Training.Data;
using ColonyQc.Training.Evaluation;
using ColonyQc.Training.Onnx;

namespace ColonyQc.Training.Calibration;

/// <summary>What <see cref="GateRecalibrator"/> needs to rebuild the training split of a model.</summary>
public sealed record GateRecalibrationOptions
{
    /// <summary>The labelled images the model was trained on (class folders, a folder with labels.csv, or a CSV manifest).</summary>
    public required string DataPath { get; init; }

    /// <summary>Validation share used in training (the run folder's args.json); the split must be the training run's.</summary>
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>Held-out share used in training.</summary>
    public double TestFraction { get; init; }

    /// <summary>Seed used in training (it drives the grouped split).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The training run's <c>--group-by</c> pattern, if any.</summary>
    public string? GroupByPattern { get; init; }

    /// <summary>Source scale when the files do not say.</summary>
    public ScaleOptions Scale { get; init; } = ScaleOptions.Default;

    /// <summary>Separate labelled images to re-evaluate the <c>test.*</c> figures on (never used for the limits).</summary>
    public string? TestDataPath { get; init; }

    /// <summary>Threads for decoding and evaluation.</summary>
    public int Threads { get; init; } = 1;
}

/// <summary>The manifest before and after, the split sizes, and the re-evaluated figures.</summary>
/// <param name="Before">The manifest read from the input model.</param>
/// <param name="After">The manifest written to the output model.</param>
/// <param name="TrainingImages">Images in the training part the limits came from.</param>
/// <param name="ValidationImages">Images in the validation part evaluated.</param>
/// <param name="Validation">Validation figures with the new limits.</param>
/// <param name="HeldOut">Held-out figures (when the training run held a part out).</param>
/// <param name="Test">Figures on <see cref="GateRecalibrationOptions.TestDataPath"/>, when given.</param>
public sealed record GateRecalibrationResult(ModelManifest Before, ModelManifest After, int TrainingImages, int ValidationImages, EvaluationMetrics Validation, EvaluationMetrics? HeldOut, EvaluationMetrics? Test);

/// <summary>
/// Recalibrates a trained model's quality-gate limits without retraining: rebuilds the training
/// run's grouped split, calibrates the gate on the training part with
/// <see cref="QualityGateCalibrator"/> (so a model calibrated for an older texture measure gets
/// limits for the current one), restamps only the manifest (<see cref="ManifestStamp"/>), and
/// re-evaluates the figures the manifest carries, since voting windows change image probabilities.
/// Temperature and review threshold are kept as trained.
/// </summary>
public static class GateRecalibrator
{
    /// <summary>Recalibrates <paramref name="modelPath"/> into <paramref name="outputPath"/> (which may be the same file).</summary>
    /// <exception cref="InvalidModelException">The model is not a ColonyQc model.</exception>
    /// <exception cref="InvalidDataException">The data do not split into a training and a validation part.</exception>
    public static GateRecalibrationResult Recalibrate(string modelPath, string outputPath, GateRecalibrationOptions options, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        log ??= _ => { };
        var before = ManifestStamp.Read(modelPath);
        var set = LabelledImageSet.Load(options.DataPath, new DataLoadOptions { GroupByPattern = options.GroupByPattern, ClassNames = before.ClassNames });
        var loaded = CanonicalImageLoader.Load(set, before.UmPerPixel, options.Scale, options.Threads, cancellationToken);
        foreach (var skipped in loaded.Skipped)
        {
            log($"skipped {skipped.Path}: {skipped.Reason}");
        }

        var (train, validation, heldOut) = loaded.Split(options.ValidationFraction, options.TestFraction, options.Seed);
        if (train.Count == 0 || validation.Count == 0)
        {
            throw new InvalidDataException($"{options.DataPath}: the images do not split into a training and a validation part");
        }

        // The stored provenance counts the training run's parts: a different count means another split,
        // and limits from it would not be the training part's.
        if (before.Provenance is { } p && (p.TrainingImages != train.Count || p.ValidationImages != validation.Count))
        {
            log($"warning: this split has {train.Count} training and {validation.Count} validation images, the model was trained with {p.TrainingImages} and {p.ValidationImages}: check --seed, --validation-fraction, --test-fraction and --group-by against the run's args.json");
        }

        var gate = QualityGateCalibrator.Calibrate(train, before.WindowSize, before.WindowStride, before.QualityGate);
        var c = CultureInfo.InvariantCulture;
        log(string.Create(c, $"quality gate from the training part ({train.Count} images): window texture ({before.QualityGate.TextureMeasure}) >= {before.QualityGate.MinWindowTexture:G4} -> ({gate.TextureMeasure}) >= {gate.MinWindowTexture:G4}; focus {before.QualityGate.MinFocus:G4} -> {gate.MinFocus:G4}"));

        var note = string.Create(c, $"Quality gate recalibrated {DateTime.UtcNow:yyyy-MM-dd} on the training part ({gate.TextureMeasure} texture >= {gate.MinWindowTexture:G4}), weights unchanged");
        ManifestStamp.Restamp(modelPath, outputPath, m => m with
        {
            QualityGate = gate,
            Provenance = m.Provenance is null ? null : m.Provenance with { Notes = string.IsNullOrEmpty(m.Provenance.Notes) ? note + "." : m.Provenance.Notes + " " + note + "." },
        });

        EvaluationMetrics validationMetrics;
        EvaluationMetrics? heldOutMetrics = null;
        EvaluationMetrics? testMetrics = null;
        using (var scorer = OnnxModelScorer.Load(outputPath, 1))
        {
            validationMetrics = ModelEvaluator.Evaluate(scorer, validation, options.Threads, cancellationToken).Metrics;
            if (heldOut.Count > 0)
            {
                heldOutMetrics = ModelEvaluator.Evaluate(scorer, heldOut, options.Threads, cancellationToken).Metrics;
            }

            if (options.TestDataPath is not null)
            {
                var testSet = LabelledImageSet.Load(options.TestDataPath, new DataLoadOptions { ClassNames = before.ClassNames });
                var testImages = CanonicalImageLoader.Load(testSet, before.UmPerPixel, options.Scale, options.Threads, cancellationToken);
                testMetrics = ModelEvaluator.Evaluate(scorer, testImages.Images, options.Threads, cancellationToken).Metrics;
            }
        }

        // Figures of a part not re-evaluated here were measured with the old limits: drop them rather than keep stale numbers.
        var after = ManifestStamp.Restamp(outputPath, outputPath, m =>
        {
            var metrics = m.Metrics
                .Where(kv => !kv.Key.StartsWith("validation.", StringComparison.Ordinal) && !kv.Key.StartsWith("heldout.", StringComparison.Ordinal) && !kv.Key.StartsWith("test.", StringComparison.Ordinal))
                .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            foreach (var (key, value) in validationMetrics.ToManifestMetrics("validation")
                .Concat(heldOutMetrics?.ToManifestMetrics("heldout") ?? new Dictionary<string, double>())
                .Concat(testMetrics?.ToManifestMetrics("test") ?? new Dictionary<string, double>()))
            {
                metrics[key] = value;
            }

            return m with { Metrics = metrics };
        });
        log(string.Create(c, $"validation with the new limits: macro-F1 {validationMetrics.MacroF1:F4}, ECE {validationMetrics.EceBeforeTemperature:F4} -> {validationMetrics.EceAfterTemperature:F4}{(testMetrics is null ? string.Empty : string.Create(c, $"; test macro-F1 {testMetrics.MacroF1:F4}, ECE {testMetrics.EceAfterTemperature:F4}"))}"));
        return new GateRecalibrationResult(before, after, train.Count, validation.Count, validationMetrics, heldOutMetrics, testMetrics);
    }
}
