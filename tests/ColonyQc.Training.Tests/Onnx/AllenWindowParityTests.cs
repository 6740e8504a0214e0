using ColonyQc.Inference.Imaging;
using ColonyQc.Inference.Preprocessing;
using ColonyQc.TestSupport;
using ColonyQc.Training.Network;
using ColonyQc.Training.Onnx;
using ColonyQc.Training.Tests.Network;
using Xunit;

namespace ColonyQc.Training.Tests.Onnx;

/// <summary>Parity on real microscope windows: Allen hiPSC tiles, decoded and resampled by the inference code.</summary>
public sealed class AllenWindowParityTests(Xunit.Abstractions.ITestOutputHelper output)
{
    // The Allen tiles are about 1 um/px (their README).
    private const double TileUmPerPixel = 1.0;

    [AllenDataFact]
    public void OnnxRuntime_matches_TorchSharp_on_real_windows()
    {
        var config = ColonyNetConfig.Default;
        var tile = Directory.GetFiles(SharedData.AllenTiles!, "*.tif*").Order(StringComparer.Ordinal).First();
        using var image = ImageDecoder.DecodeFile(tile);
        using var plane = CanonicalResampler.Resample(image, TileUmPerPixel, config.UmPerPixel);
        var layout = WindowLayout.For(plane.Width, plane.Height, config.WindowSize, config.WindowStride);
        var picked = new[] { 0, layout.Count / 2, layout.Count - 1 };
        var window = config.WindowSize;
        var input = new float[picked.Length * window * window];
        for (var i = 0; i < picked.Length; i++)
        {
            var (x0, y0) = layout.Origin(picked[i]);
            for (var y = 0; y < window; y++)
            {
                plane.Row(y0 + y).Slice(x0, window).CopyTo(input.AsSpan(((i * window) + y) * window, window));
            }
        }

        using var net = TestNetworks.WithTrainedStatistics(config, seed: 13);
        var dir = Directory.CreateTempSubdirectory("colonyqc-allen-");
        try
        {
            var path = Path.Combine(dir.FullName, "allen.onnx");
            ColonyNetOnnx.Export(net, ColonyNetOnnx.CreateManifest(net, ["good", "differentiating", "abnormal"]), path);

            var expected = TestNetworks.Forward(net, input, picked.Length, window);
            var actual = OrtRunner.Run(path, input, picked.Length, window);

            Assert.True(input.Max() - input.Min() > 0.05f, "the windows should hold real texture");
            output.WriteLine($"max |TorchSharp - ONNX Runtime| over {expected.Length} logits: {expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max():E2}");
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4, $"logit {i}: TorchSharp {expected[i]}, ONNX Runtime {actual[i]}");
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
