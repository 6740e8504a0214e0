using ColonyQc.Training.Network;
using ColonyQc.Training.Onnx;
using TorchSharp;

namespace ColonyQc.Cli.Tests.EndToEnd;

/// <summary>
/// A tiny random-initialised ColonyNet exported once per test run: scoring tests check the plumbing
/// (files, rows, exit codes), not accuracy, so an untrained network that costs microseconds is right.
/// </summary>
internal static class TestModel
{
    public static readonly string[] ClassNames = ["good", "differentiating", "abnormal"];

    private static readonly Lazy<string> Exported = new(Export, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The model file (in a temp folder shared by all tests of this run).</summary>
    public static string Path => Exported.Value;

    /// <summary>The canonical scale of the test model: test images are written at this scale so one pixel is one canonical pixel.</summary>
    public const double UmPerPixel = 2.0;

    private static string Export()
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "colonyqc-cli-tests", "model-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, "tiny.onnx");
        torch.random.manual_seed(20261202);
        var config = new ColonyNetConfig { Width = 4, WindowSize = 64, WindowStride = 48, UmPerPixel = UmPerPixel, StemStride = 2, StemKernel = 5 };
        using var net = ColonyNet.Create(config);
        net.eval();
        ColonyNetOnnx.Export(net, ColonyNetOnnx.CreateManifest(net, ClassNames), path);
        return path;
    }
}
