using ColonyQc.Inference;
using ColonyQc.Inference.Model;
using ColonyQc.Training.Onnx;
using ColonyQc.Training.Tests.Network;
using Xunit;

namespace ColonyQc.Training.Tests.Onnx;

public sealed class ManifestStampTests : IDisposable
{
    private static readonly string[] Classes = ["good", "differentiating", "abnormal"];
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("colonyqc-stamp-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string PathFor(string name) => Path.Combine(_dir.FullName, name);

    private string Export(string name, Func<ModelManifest, ModelManifest>? change = null)
    {
        using var net = TestNetworks.WithTrainedStatistics(TestNetworks.Tiny, seed: 5);
        var manifest = ColonyNetOnnx.CreateManifest(net, Classes) with
        {
            Temperature = 0.8,
            QualityGate = new QualityGateLimits { MinFocus = 1e-5, MinWindowTexture = 0.015, TextureMeasure = TextureMeasure.Std },
            Metrics = new Dictionary<string, double> { ["test.macroF1"] = 0.9 },
        };
        var path = PathFor(name);
        ColonyNetOnnx.Export(net, change is null ? manifest : change(manifest), path);
        return path;
    }

    // A file as ColonyQc wrote it before version 2: formatVersion 1 and no textureMeasure field.
    private string ExportVersion1(string name)
    {
        var path = Export(name);
        var text = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(path));
        const string Measure = "\"textureMeasure\": \"Std\"";
        var current = $"\"formatVersion\": {ModelManifest.CurrentFormatVersion}";
        Assert.Contains(current, text, StringComparison.Ordinal);
        Assert.Contains(Measure, text, StringComparison.Ordinal);

        // Same length replacements keep the protobuf's length prefixes valid.
        text = text.Replace(current, "\"formatVersion\": 1", StringComparison.Ordinal)
            .Replace(Measure, "\"unusedPadding_\": \"Std\"", StringComparison.Ordinal);
        File.WriteAllBytes(path, System.Text.Encoding.Latin1.GetBytes(text));
        return path;
    }

    [Fact]
    public void Restamp_changes_only_the_manifest_and_round_trips()
    {
        var input = Export("in.onnx");
        var output = PathFor("out.onnx");

        var written = ManifestStamp.Restamp(input, output, m => m with
        {
            QualityGate = m.QualityGate with { MinWindowTexture = 0.0085, TextureMeasure = TextureMeasure.QuadraticDetrendedStd },
        });

        var read = ManifestStamp.Read(output);
        Assert.Equal(TextureMeasure.QuadraticDetrendedStd, read.QualityGate.TextureMeasure);
        Assert.Equal(0.0085, read.QualityGate.MinWindowTexture);
        Assert.Equal(1e-5, read.QualityGate.MinFocus);
        Assert.Equal(0.8, read.Temperature);
        Assert.Equal(0.9, read.Metrics["test.macroF1"]);
        Assert.Equal(ModelManifestSerializer.ToJson(written), ModelManifestSerializer.ToJson(read));
        Assert.Equal(ManifestStamp.GraphBytes(input), ManifestStamp.GraphBytes(output));

        // The scorer opens it and sees the new limits.
        using var classifier = ColonyClassifier.Load(output);
        Assert.Equal(TextureMeasure.QuadraticDetrendedStd, classifier.Manifest.QualityGate.TextureMeasure);
        Assert.Equal(0.0085, classifier.Manifest.QualityGate.MinWindowTexture);
    }

    [Fact]
    public void Restamp_in_place_replaces_the_file()
    {
        var path = Export("inplace.onnx");

        ManifestStamp.Restamp(path, path, m => m with { ReviewThreshold = 0.61 });

        Assert.Equal(0.61, ManifestStamp.Read(path).ReviewThreshold);
        Assert.Empty(_dir.GetFiles("*.tmp"));
    }

    [Fact]
    public void Version_1_file_is_read_with_plain_std_and_restamped_as_version_2_keeping_it()
    {
        var path = ExportVersion1("v1.onnx");

        var old = ManifestStamp.Read(path);
        Assert.Equal(1, old.FormatVersion);
        Assert.Equal(TextureMeasure.Std, old.QualityGate.TextureMeasure);

        var output = PathFor("v1-restamped.onnx");
        var restamped = ManifestStamp.Restamp(path, output, m => m);
        Assert.Equal(ModelManifest.CurrentFormatVersion, restamped.FormatVersion);

        // Restamping without new limits must not silently reinterpret the old limit under the new measure.
        Assert.Equal(TextureMeasure.Std, ManifestStamp.Read(output).QualityGate.TextureMeasure);
        Assert.Contains("\"textureMeasure\": \"Std\"", ModelManifestSerializer.ToJson(ManifestStamp.Read(output)), StringComparison.Ordinal);
    }

    [Fact]
    public void Restamp_that_breaks_the_manifest_is_refused_and_leaves_no_file()
    {
        var input = Export("good.onnx");
        var output = PathFor("broken.onnx");

        Assert.Throws<InvalidModelException>(() => ManifestStamp.Restamp(input, output, m => m with { WindowStride = 0 }));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void File_without_a_manifest_is_refused()
    {
        var path = Export("plain.onnx");
        var bytes = File.ReadAllBytes(path);
        var text = System.Text.Encoding.Latin1.GetString(bytes).Replace(ModelManifest.MetadataKey, "colonyqc.manifesX", StringComparison.Ordinal);
        File.WriteAllBytes(path, System.Text.Encoding.Latin1.GetBytes(text));

        var error = Assert.Throws<InvalidModelException>(() => ManifestStamp.Restamp(path, PathFor("x.onnx"), m => m));

        Assert.Contains("no \"colonyqc.manifest\" metadata", error.Message, StringComparison.Ordinal);
    }
}
