using ColonyQc.Inference.Imaging.Encoding;
using ColonyQc.Training.Network;
using ColonyQc.Training.Onnx;
using static TorchSharp.torch;

namespace ColonyQc.MLNet.Tests;

/// <summary>A small exported ColonyQc model and a few grey PNG windows of exactly its window size.</summary>
public sealed class TinyModelFixture : IDisposable
{
    public const int Window = 64;
    public const double UmPerPixel = 2.0;
    public const double Temperature = 1.5;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("colonyqc-mlnet-");

    public TinyModelFixture()
    {
        random.manual_seed(21);
        var config = new ColonyNetConfig { WindowSize = Window, WindowStride = 48, UmPerPixel = UmPerPixel, Width = 4 };
        using var net = ColonyNet.Create(config);
        net.eval();
        ModelPath = Path.Combine(_dir.FullName, "tiny.onnx");
        ColonyNetOnnx.Export(net, ColonyNetOnnx.CreateManifest(net, ["good", "differentiating", "abnormal"]) with { Temperature = Temperature }, ModelPath);

        var images = new List<(string, byte[])>();
        for (var i = 0; i < 4; i++)
        {
            var pixels = Texture(seed: i);
            var path = Path.Combine(_dir.FullName, $"window{i}.png");
            File.WriteAllBytes(path, PngEncoder.Encode(pixels, Window, Window));
            images.Add((path, pixels));
        }

        Images = images;
    }

    public string ModelPath { get; }

    public string Folder => _dir.FullName;

    /// <summary>The PNG paths with the 8-bit grey samples they hold.</summary>
    public IReadOnlyList<(string Path, byte[] Pixels)> Images { get; }

    public void Dispose() => _dir.Delete(recursive: true);

    /// <summary>Blobs and speckle with a different mean and contrast per seed.</summary>
    private static byte[] Texture(int seed)
    {
        var rng = new Random(seed);
        var pixels = new byte[Window * Window];
        var baseLevel = 60 + (seed * 30);
        for (var y = 0; y < Window; y++)
        {
            for (var x = 0; x < Window; x++)
            {
                var blob = 40 * Math.Sin((x + (seed * 7)) / 5.0) * Math.Cos(y / (4.0 + seed));
                pixels[(y * Window) + x] = (byte)Math.Clamp(baseLevel + blob + rng.Next(-20, 21), 0, 255);
            }
        }

        return pixels;
    }
}
