using ColonyQc.Inference;
using ColonyQc.Inference.Preprocessing;
using ColonyQc.Training.Calibration;
using ColonyQc.Training.Data;

namespace ColonyQc.Training.Evaluation;

/// <summary>
/// Evaluates an exported model exactly as it will be used: every image is scored by
/// <see cref="ColonyClassifier"/> from its file (decode, resample, ONNX Runtime, temperature,
/// aggregation: the production path). The temperature-1 probabilities for the "before" calibration
/// error come from the same classifier's raw window logits.
/// </summary>
public static class ModelEvaluator
{
    /// <summary>The result: metrics, every scored image, and the images scoring refused (with its error).</summary>
    /// <param name="Metrics">The figures.</param>
    /// <param name="Images">Each scored image with its probabilities.</param>
    /// <param name="Failed">Images the classifier could not score.</param>
    public sealed record Result(EvaluationMetrics Metrics, IReadOnlyList<ScoredImage> Images, IReadOnlyList<SkippedImage> Failed);

    /// <summary>Scores <paramref name="images"/> (labels in the classifier's class order) and computes the metrics.</summary>
    /// <exception cref="InvalidDataException">No image could be scored.</exception>
    public static Result Evaluate(ColonyClassifier classifier, IReadOnlyList<CanonicalImage> images, ScaleOptions? scale = null, CancellationToken cancellationToken = default)
    {
        scale ??= ScaleOptions.Default;
        var manifest = classifier.Manifest;
        var scored = new List<ScoredImage>(images.Count);
        var failed = new List<SkippedImage>();
        foreach (var image in images)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var options = new ScoreOptions
            {
                UmPerPixel = image.Source.UmPerPixel ?? scale.UmPerPixel,
                Objective = scale.Objective,
                AssumedUmPerPixel = scale.AssumedUmPerPixel,
            };
            var score = classifier.Score(image.Source.Path, options);
            if (!score.Ok)
            {
                failed.Add(new SkippedImage(image.Source.Path, score.Error ?? "not scored"));
                continue;
            }

            var raw = RawLogits(classifier, image);
            scored.Add(new ScoredImage(image.Source.Path, image.Label, score.Probabilities.ToArray(), raw.ImageProbabilities(manifest.ClassNames, 1.0)));
        }

        if (scored.Count == 0)
        {
            throw new InvalidDataException($"none of the {images.Count} images could be scored by {classifier.ModelPath} (first error: {failed.FirstOrDefault()?.Reason})");
        }

        var metrics = MetricsCalculator.Compute(manifest.ClassNames, scored, manifest.Temperature, manifest.ReviewThreshold);
        return new Result(metrics, scored, failed);
    }

    /// <summary>The classifier's raw window logits of one canonical image, with scoring's voting flags.</summary>
    public static WindowLogitSet RawLogits(ColonyClassifier classifier, CanonicalImage image)
    {
        var manifest = classifier.Manifest;
        using var plane = CanonicalPlane.Rent(image.Width, image.Height);
        image.Pixels.CopyTo(plane.Pixels);
        var layout = WindowLayout.For(image.Width, image.Height, manifest.WindowSize, manifest.WindowStride);
        var logits = classifier.WindowLogits(plane, layout);
        var voting = new bool[layout.Count];
        for (var w = 0; w < layout.Count; w++)
        {
            var (x, y) = layout.Origin(w);
            voting[w] = WindowTexture.Measure(image.Pixels, image.Width, x, y, manifest.WindowSize) >= manifest.QualityGate.MinWindowTexture;
        }

        return new WindowLogitSet(logits, voting, image.Label);
    }
}
