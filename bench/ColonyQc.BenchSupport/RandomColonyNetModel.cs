using ColonyQc.Training.Network;
using ColonyQc.Training.Onnx;
using static TorchSharp.torch;

namespace ColonyQc.BenchSupport;

/// <summary>
/// A ColonyNet with the shipped configuration and freshly initialised weights (fixed seed), exported
/// as a ColonyQc .onnx: what the benchmarks measure until a trained model ships. Inference and
/// preprocessing cost depend on the architecture and window, not on the weights.
/// </summary>
public static class RandomColonyNetModel
{
    /// <summary>Class names in the order every ColonyQc model uses.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["good", "differentiating", "abnormal"];

    /// <summary>Writes the model to <paramref name="path"/> (creating its folder; the exporter writes atomically).</summary>
    public static void Export(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        random.manual_seed(1);
        using var net = ColonyNet.Create(ColonyNetConfig.Default);
        net.eval();
        ColonyNetOnnx.Export(net, ColonyNetOnnx.CreateManifest(net, ClassNames), path);
    }
}
