using ColonyQc.Inference;
using ColonyQc.Inference.Model;
using ColonyQc.Inference.Preprocessing;
using ColonyQc.Inference.Quality;
using ColonyQc.Inference.Scoring;
using ColonyQc.Training.Calibration;
using ColonyQc.Training.Data;

namespace ColonyQc.Training.Evaluation;

/// <summary>
/// Scores canonical images with an exported .onnx model through <see cref="ColonyClassifier"/>, the
/// very path <c>colonyqc score</c> takes from the canonical plane on: the manifest read and checked
/// from the file, the same window layout, batch copy with border reflection and normalisation, the
/// same aligned network calls, the quality gate's voting rule and the same
/// <see cref="WindowAggregator"/> with the model's temperature. So evaluation figures describe what
/// scoring does, bit for bit. Thread-safe for concurrent calls.
/// </summary>
public sealed class OnnxModelScorer : IDisposable
{
    private readonly ColonyClassifier _classifier;
    private readonly WindowAggregator _aggregator;

    private OnnxModelScorer(ColonyClassifier classifier)
    {
        _classifier = classifier;
        _aggregator = WindowAggregator.For(classifier.Manifest);
    }

    /// <summary>The model's image-from-windows rule.</summary>
    public WindowAggregator Aggregator => _aggregator;

    /// <summary>The model's manifest.</summary>
    public ModelManifest Manifest => _classifier.Manifest;

    /// <summary>The model file.</summary>
    public string ModelPath => _classifier.ModelPath;

    /// <summary>Opens <paramref name="modelPath"/>; one image's network calls run on up to <paramref name="threads"/> threads.</summary>
    /// <exception cref="InvalidModelException">The file is missing, not ONNX, or carries no valid ColonyQc manifest.</exception>
    public static OnnxModelScorer Load(string modelPath, int threads = 1) =>
        new(ColonyClassifier.Load(modelPath, new ClassifierOptions { Threads = Math.Max(1, threads) }));

    /// <summary>Raw logits of every window of <paramref name="image"/> and which windows vote (the quality gate's texture rule).</summary>
    public WindowLogitSet WindowLogits(CanonicalImage image)
    {
        var layout = WindowLayout.For(image.Width, image.Height, Manifest.WindowSize, Manifest.WindowStride);
        var textures = new double[layout.Count];
        var voting = new bool[layout.Count];
        float[] logits;
        using (var plane = CanonicalPlane.Rent(image.Width, image.Height))
        {
            image.Pixels.AsSpan(0, image.Width * image.Height).CopyTo(plane.Pixels);
            logits = _classifier.WindowLogits(plane, layout, textures);
        }

        QualityGate.VotingFraction(textures, Manifest.QualityGate, voting);
        return new WindowLogitSet(logits, voting, image.Label);
    }

    /// <summary>Calibrated (the model's temperature) and temperature-1 image probabilities of <paramref name="image"/>.</summary>
    public ScoredImage Score(CanonicalImage image)
    {
        var set = WindowLogits(image);
        return new ScoredImage(image.Source.Path, image.Label, set.ImageProbabilities(_aggregator, Manifest.Temperature), set.ImageProbabilities(_aggregator, 1.0));
    }

    /// <inheritdoc />
    public void Dispose() => _classifier.Dispose();
}
