using ColonyQc.Training.Network;
using static TorchSharp.torch;

namespace ColonyQc.Training.Training;

/// <summary>Window features from a TorchSharp <see cref="ColonyNet"/> in evaluation mode (no ONNX file needed).</summary>
internal sealed class TorchWindowFeatures(ColonyNet net) : IWindowFeatures
{
    private const int Batch = 32;

    public int FeatureChannels => net.FeatureChannels;

    public float[] Compute(float[] windows, int count, int side)
    {
        var window = side * side;
        var features = new float[count * FeatureChannels];
        net.eval();
        using var noGrad = no_grad();
        for (var start = 0; start < count; start += Batch)
        {
            var n = Math.Min(Batch, count - start);
            using var scope = NewDisposeScope();
            var input = tensor(windows.AsSpan(start * window, n * window).ToArray(), [n, 1, side, side]);
            net.Features(input).data<float>().CopyTo(features.AsSpan(start * FeatureChannels, n * FeatureChannels));
        }

        return features;
    }
}
