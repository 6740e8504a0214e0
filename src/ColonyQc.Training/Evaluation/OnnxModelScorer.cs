using ColonyQc.Inference.Model;
using ColonyQc.Inference.Preprocessing;
using ColonyQc.Inference.Scoring;
using ColonyQc.Training.Augmentation;
using ColonyQc.Training.Calibration;
using ColonyQc.Training.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ColonyQc.Training.Evaluation;

/// <summary>
/// Scores canonical images with an exported .onnx model in ONNX Runtime, the engine scoring uses,
/// with the shared scoring pieces: the manifest read from the file's metadata, the same window
/// layout and border reflection, the same texture rule for voting windows, and the same
/// <see cref="WindowAggregator"/> with the model's temperature. Thread-safe for concurrent calls.
/// </summary>
public sealed class OnnxModelScorer : IDisposable
{
    private const int MaxBatch = 64;
    private readonly InferenceSession _session;

    private OnnxModelScorer(InferenceSession session, ModelManifest manifest, string path)
    {
        _session = session;
        Manifest = manifest;
        ModelPath = path;
    }

    /// <summary>The model's manifest.</summary>
    public ModelManifest Manifest { get; }

    /// <summary>The model file.</summary>
    public string ModelPath { get; }

    /// <summary>Opens <paramref name="modelPath"/> with <paramref name="threads"/> ONNX Runtime threads.</summary>
    /// <exception cref="InvalidModelException">The file is missing, not ONNX, or carries no valid ColonyQc manifest.</exception>
    public static OnnxModelScorer Load(string modelPath, int threads = 1)
    {
        if (!File.Exists(modelPath))
        {
            throw new InvalidModelException(modelPath, "no such model file");
        }

        InferenceSession session;
        try
        {
            session = new InferenceSession(modelPath, new SessionOptions { IntraOpNumThreads = Math.Max(1, threads), InterOpNumThreads = 1 });
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidModelException(modelPath, "ONNX Runtime cannot load it: " + ex.Message, ex);
        }

        if (!session.ModelMetadata.CustomMetadataMap.TryGetValue(ModelManifest.MetadataKey, out var json))
        {
            session.Dispose();
            throw new InvalidModelException(modelPath, $"not a ColonyQc model: no \"{ModelManifest.MetadataKey}\" metadata");
        }

        return new OnnxModelScorer(session, ModelManifestSerializer.FromJson(json, modelPath), modelPath);
    }

    /// <summary>Raw logits of every window of <paramref name="image"/> (window-major) with scoring's voting flags.</summary>
    public WindowLogitSet WindowLogits(CanonicalImage image)
    {
        var size = Manifest.WindowSize;
        var classes = Manifest.ClassNames.Count;
        var layout = WindowLayout.For(image.Width, image.Height, size, Manifest.WindowStride);
        var logits = new float[layout.Count * classes];
        var voting = new bool[layout.Count];
        var window = size * size;
        for (var start = 0; start < layout.Count; start += MaxBatch)
        {
            var count = Math.Min(MaxBatch, layout.Count - start);
            var input = new DenseTensor<float>([count, 1, size, size]);
            var buffer = input.Buffer.Span;
            for (var k = 0; k < count; k++)
            {
                var (x, y) = layout.Origin(start + k);
                voting[start + k] = WindowTexture.Measure(image.Pixels, image.Width, x, y, size, Manifest.QualityGate.TextureMeasure) >= Manifest.QualityGate.MinWindowTexture;
                WindowAugmenter.Copy(image.Pixels, image.Width, image.Height, x, y, size, buffer.Slice(k * window, window));
            }

            Normalise(buffer);
            using var results = _session.Run([NamedOnnxValue.CreateFromTensor(Manifest.InputName, input)]);
            var output = results.First(r => r.Name == Manifest.OutputName).AsTensor<float>();
            var k2 = start * classes;
            foreach (var value in output)
            {
                logits[k2++] = value;
            }
        }

        return new WindowLogitSet(logits, voting, image.Label);
    }

    /// <summary>Calibrated (the model's temperature) and temperature-1 image probabilities of <paramref name="image"/>.</summary>
    public ScoredImage Score(CanonicalImage image)
    {
        var set = WindowLogits(image);
        return new ScoredImage(image.Source.Path, image.Label, set.ImageProbabilities(Manifest.ClassNames, Manifest.Temperature), set.ImageProbabilities(Manifest.ClassNames, 1.0));
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    private void Normalise(Span<float> buffer)
    {
        var n = Manifest.Normalization;
        if (n.Mean == 0 && n.Std == 1)
        {
            return;
        }

        var mean = (float)n.Mean;
        var inv = (float)(1 / n.Std);
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (buffer[i] - mean) * inv;
        }
    }
}
