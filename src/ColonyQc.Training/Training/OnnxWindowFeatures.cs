using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ColonyQc.Training.Training;

/// <summary>
/// Window features from a model file's features output in ONNX Runtime: the backbone exactly as scoring
/// will run it (ColonyNet or the ImageNet ResNet-18 trunk), and several times faster on a CPU than
/// TorchSharp, which matters when every labelled image is run in several augmented views.
/// </summary>
internal sealed class OnnxWindowFeatures : IWindowFeatures, IDisposable
{
    private const int Batch = 16;
    private readonly InferenceSession _session;
    private readonly SessionOptions _options;
    private readonly string _input;
    private readonly string _output;

    public OnnxWindowFeatures(byte[] model, string inputName, string featuresOutputName, int featureChannels, int threads)
    {
        _options = new SessionOptions { IntraOpNumThreads = Math.Max(1, threads), GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        _session = new InferenceSession(model, _options);
        _input = inputName;
        _output = featuresOutputName;
        FeatureChannels = featureChannels;
    }

    public int FeatureChannels { get; }

    public float[] Compute(float[] windows, int count, int side)
    {
        var window = side * side;
        var features = new float[count * FeatureChannels];
        for (var start = 0; start < count; start += Batch)
        {
            var n = Math.Min(Batch, count - start);
            var input = new DenseTensor<float>(windows.AsMemory(start * window, n * window), [n, 1, side, side]);
            using var results = _session.Run([NamedOnnxValue.CreateFromTensor(_input, input)], [_output]);
            var values = results[0].AsTensor<float>();
            var k = start * FeatureChannels;
            foreach (var v in values)
            {
                features[k++] = v;
            }
        }

        return features;
    }

    public void Dispose()
    {
        _session.Dispose();
        _options.Dispose();
    }
}
