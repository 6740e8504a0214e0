using ColonyQc.Training.Data;

namespace ColonyQc.Training.Evaluation;

/// <summary>
/// Evaluates an exported model as it will be used: every image goes through the exported .onnx in
/// ONNX Runtime with the scoring library's window layout, voting rule, temperature and worst-colony
/// aggregation (<see cref="OnnxModelScorer"/>), so the figures describe the file, not the
/// TorchSharp network it came from.
/// </summary>
public static class ModelEvaluator
{
    /// <summary>The result: metrics and every scored image.</summary>
    /// <param name="Metrics">The figures.</param>
    /// <param name="Images">Each scored image with its probabilities.</param>
    public sealed record Result(EvaluationMetrics Metrics, IReadOnlyList<ScoredImage> Images);

    /// <summary>Scores <paramref name="images"/> (labels in the model's class order) and computes the metrics.</summary>
    /// <exception cref="ArgumentException">No images.</exception>
    public static Result Evaluate(OnnxModelScorer scorer, IReadOnlyList<CanonicalImage> images, int threads = 1, CancellationToken cancellationToken = default)
    {
        var scored = new ScoredImage[images.Count];
        Parallel.For(
            0,
            images.Count,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads), CancellationToken = cancellationToken },
            i => scored[i] = scorer.Score(images[i]));
        var manifest = scorer.Manifest;
        return new Result(MetricsCalculator.Compute(manifest.ClassNames, scored, manifest.Temperature, manifest.ReviewThreshold), scored);
    }
}
