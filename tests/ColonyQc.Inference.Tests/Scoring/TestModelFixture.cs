using ColonyQc.Inference.Imaging.Encoding;
using ColonyQc.Inference.Model;
using ColonyQc.Inference.Tests.Quality;
using ColonyQc.Training.Network;
using ColonyQc.Training.Onnx;
using Xunit;
using static TorchSharp.torch;

namespace ColonyQc.Inference.Tests.Scoring;

/// <summary>
/// A tiny random-initialised ColonyNet (64 px windows at 2 um/px, width 4) exported once into a
/// temporary folder, with generated 256x192 TIFF fields beside it. Nothing is committed.
/// </summary>
public sealed class TestModelFixture : IDisposable
{
    public const double FieldUmPerPixel = 1.0;

    public TestModelFixture()
    {
        Folder = Directory.CreateTempSubdirectory("colonyqc-scoring-tests-").FullName;
        ModelPath = Path.Combine(Folder, "tiny.onnx");
        random.manual_seed(20261202);
        using var net = ColonyNet.Create(new ColonyNetConfig { WindowSize = 64, WindowStride = 48, Width = 4, UmPerPixel = 2.0 });
        net.eval();
        Manifest = ColonyNetOnnx.CreateManifest(net, ["good", "differentiating", "abnormal"]) with
        {
            Temperature = 1.7,
            ReviewThreshold = 0.4,
            QualityGate = new QualityGateLimits { MinFocus = 6e-5, MinWindowTexture = 0.02, MinVotingFraction = 0.2 },
        };
        ColonyNetOnnx.Export(net, Manifest, ModelPath);
        ModelBytes = File.ReadAllBytes(ModelPath);

        var fields = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var values = i switch
            {
                3 => QualityTestImages.Blurred(i),
                4 => QualityTestImages.Empty(i),
                _ => QualityTestImages.Textured(i),
            };
            var path = Path.Combine(Folder, $"field{i}.tif");
            File.WriteAllBytes(path, TiffEncoder.Encode(QualityTestImages.To8Bit(values), QualityTestImages.Width, QualityTestImages.Height));
            fields.Add(path);
        }

        Fields = fields;
        Classifier = ColonyClassifier.Load(ModelPath, new ClassifierOptions { Threads = 2, BatchSize = 4 });
    }

    public string Folder { get; }

    public string ModelPath { get; }

    public byte[] ModelBytes { get; }

    public ModelManifest Manifest { get; }

    /// <summary>Six 8-bit raw TIFF fields: textured (0-2, 5), blurred (3), empty (4).</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>A classifier shared by tests that do not care about its options.</summary>
    public ColonyClassifier Classifier { get; }

    public static ScoreOptions AtFieldScale { get; } = new() { UmPerPixel = FieldUmPerPixel };

    /// <summary>Writes a variant of the model file with some bytes replaced (same length, so the protobuf stays well formed).</summary>
    public string ModelWithReplacedText(string name, string from, string to)
    {
        var text = System.Text.Encoding.Latin1.GetString(ModelBytes);
        Assert.Contains(from, text, StringComparison.Ordinal);
        Assert.Equal(from.Length, to.Length);
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, System.Text.Encoding.Latin1.GetBytes(text.Replace(from, to, StringComparison.Ordinal)));
        return path;
    }

    public string WriteFile(string name, byte[] content)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose()
    {
        Classifier.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class TestModelCollection : ICollectionFixture<TestModelFixture>
{
    public const string Name = "tiny ColonyQc model";
}
