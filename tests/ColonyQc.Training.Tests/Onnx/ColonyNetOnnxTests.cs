using ColonyQc.Inference.Model;
using ColonyQc.Training.Network;
using ColonyQc.Training.Onnx;
using ColonyQc.Training.Tests.Network;
using Microsoft.ML.OnnxRuntime;
using Xunit;

namespace ColonyQc.Training.Tests.Onnx;

public sealed class ColonyNetOnnxTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Classes = ["good", "differentiating", "abnormal"];
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("colonyqc-onnx-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string PathFor(string name) => Path.Combine(_dir.FullName, name);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OnnxRuntime_matches_TorchSharp_on_random_windows(bool defaultConfig)
    {
        var config = defaultConfig ? ColonyNetConfig.Default : TestNetworks.Tiny with { BlocksPerStage = 2 };
        using var net = TestNetworks.WithTrainedStatistics(config, seed: 11);
        var path = PathFor("parity.onnx");
        ColonyNetOnnx.Export(net, ColonyNetOnnx.CreateManifest(net, Classes), path);
        var input = TestNetworks.RandomWindows(5, config.WindowSize, seed: 3);

        var expected = TestNetworks.Forward(net, input, 5, config.WindowSize);
        var actual = OrtRunner.Run(path, input, 5, config.WindowSize);

        Assert.Equal(5 * 3, actual.Length);
        output.WriteLine($"max |TorchSharp - ONNX Runtime| over {expected.Length} logits: {expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max():E2}");
        Assert.True(expected.Select(Math.Abs).Max() > 1e-3, "logits should not all be ~0");
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4, $"logit {i}: TorchSharp {expected[i]}, ONNX Runtime {actual[i]}");
        }
    }

    [Fact]
    public void The_model_has_the_agreed_contract()
    {
        using var net = TestNetworks.WithTrainedStatistics(TestNetworks.Tiny, seed: 1);
        var path = PathFor("contract.onnx");
        var manifest = ColonyNetOnnx.CreateManifest(net, Classes) with { Temperature = 1.7, ReviewThreshold = 0.8 };
        ColonyNetOnnx.Export(net, manifest, path);

        using var session = new InferenceSession(path);
        var input = Assert.Single(session.InputMetadata);
        Assert.Equal("input", input.Key);
        Assert.Equal([-1, 1, 64, 64], input.Value.Dimensions);
        Assert.Equal("N", input.Value.SymbolicDimensions[0]);
        var output = Assert.Single(session.OutputMetadata);
        Assert.Equal("logits", output.Key);
        Assert.Equal([-1, 3], output.Value.Dimensions);
        Assert.Equal("ColonyQc", session.ModelMetadata.ProducerName);
        var json = session.ModelMetadata.CustomMetadataMap[ModelManifest.MetadataKey];
        var read = ModelManifestSerializer.FromJson(json, path);
        Assert.Equal(manifest.Architecture, read.Architecture);
        Assert.Equal(1.7, read.Temperature);
        Assert.Equal(Classes, read.ClassNames);

        var model = OnnxModelReader.Read(path);
        Assert.Equal(8, model.IrVersion);
        Assert.Equal(17, Assert.Single(model.OpsetImport).Version);
        Assert.Equal("InstanceNormalization", model.Graph.Node[0].OpType);
        Assert.Contains(model.Graph.Node, n => n.OpType == "BatchNormalization");
        Assert.All(model.Graph.Initializer, t => Assert.False(t.RawData.IsEmpty));
    }

    [Fact]
    public void Export_import_export_gives_identical_initializers_and_manifest()
    {
        using var net = TestNetworks.WithTrainedStatistics(TestNetworks.Tiny, seed: 5);
        var manifest = ColonyNetOnnx.CreateManifest(net, Classes) with
        {
            Temperature = 1.3,
            ReviewThreshold = 0.75,
            Provenance = new TrainingProvenance("0.1.0", "2026-12-02T08:00:00Z", "abc", 7, 12, 3000, 600, Notes: "simulated"),
            Metrics = new Dictionary<string, double> { ["test.macroF1"] = 0.98 },
        };
        var first = PathFor("first.onnx");
        var second = PathFor("second.onnx");
        ColonyNetOnnx.Export(net, manifest, first);

        var (imported, readManifest) = ColonyNetOnnx.Import(first);
        using (imported)
        {
            ColonyNetOnnx.Export(imported, readManifest, second);
            Assert.Equal(ModelManifestSerializer.ToJson(manifest), ModelManifestSerializer.ToJson(readManifest));
            Assert.False(imported.training);
        }

        var a = OnnxModelReader.Read(first).Graph.Initializer;
        var b = OnnxModelReader.Read(second).Graph.Initializer;
        Assert.Equal(a.Select(t => t.Name), b.Select(t => t.Name));
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Dims, b[i].Dims);
            Assert.True(a[i].RawData.Span.SequenceEqual(b[i].RawData.Span), $"initializer {a[i].Name} changed in the round trip");
        }

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void Imported_network_computes_what_the_original_did()
    {
        using var net = TestNetworks.WithTrainedStatistics(TestNetworks.Tiny, seed: 9);
        var path = PathFor("import.onnx");
        ColonyNetOnnx.Export(net, ColonyNetOnnx.CreateManifest(net, Classes), path);
        var input = TestNetworks.RandomWindows(3, 64, seed: 4);

        var (imported, _) = ColonyNetOnnx.Import(path);
        using (imported)
        {
            Assert.Equal(TestNetworks.Forward(net, input, 3, 64), TestNetworks.Forward(imported, input, 3, 64));
        }
    }

    [Fact]
    public void Export_writes_atomically_and_leaves_no_temporary_file()
    {
        using var net = TestNetworks.WithTrainedStatistics(TestNetworks.Tiny, seed: 2);
        var path = PathFor("atomic.onnx");
        File.WriteAllText(path, "old content");

        ColonyNetOnnx.Export(net, ColonyNetOnnx.CreateManifest(net, Classes), path);

        Assert.Equal(["atomic.onnx"], _dir.GetFiles().Select(f => f.Name));
        Assert.NotEmpty(OnnxModelReader.Read(path).Graph.Node);
    }

    [Fact]
    public void Export_refuses_a_manifest_of_another_network()
    {
        using var net = TestNetworks.WithTrainedStatistics(TestNetworks.Tiny, seed: 2);
        var manifest = ColonyNetOnnx.CreateManifest(net, Classes) with { WindowSize = 96 };

        var ex = Assert.Throws<ArgumentException>(() => ColonyNetOnnx.Export(net, manifest, PathFor("bad.onnx")));
        Assert.Contains("window size", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(PathFor("bad.onnx")));
    }

    [Fact]
    public void Import_of_a_missing_file_names_it()
    {
        var ex = Assert.Throws<InvalidModelException>(() => ColonyNetOnnx.Import(PathFor("absent.onnx")));
        Assert.Contains("absent.onnx", ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", ex.Defect, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_of_a_file_that_is_not_onnx_says_so()
    {
        var path = PathFor("noise.onnx");
        File.WriteAllBytes(path, [0xff, 0xff, 0xff, 0xff, 0x01, 0x02]);

        var ex = Assert.Throws<InvalidModelException>(() => ColonyNetOnnx.Import(path));
        Assert.Contains("not an ONNX model", ex.Defect, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_of_an_onnx_model_without_manifest_says_it_is_not_a_ColonyQc_model()
    {
        using var net = TestNetworks.WithTrainedStatistics(TestNetworks.Tiny, seed: 2);
        var model = ColonyNetOnnx.ToModel(net, ColonyNetOnnx.CreateManifest(net, Classes));
        model.MetadataProps.Clear();
        model.ProducerName = "pytorch";
        var path = PathFor("foreign.onnx");
        OnnxModelWriter.Write(model, path);

        var ex = Assert.Throws<InvalidModelException>(() => ColonyNetOnnx.Import(path));
        Assert.Contains("not a ColonyQc model", ex.Defect, StringComparison.Ordinal);
        Assert.Contains("pytorch", ex.Defect, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_of_an_unknown_architecture_says_so()
    {
        using var net = TestNetworks.WithTrainedStatistics(TestNetworks.Tiny, seed: 2);
        var model = ColonyNetOnnx.ToModel(net, ColonyNetOnnx.CreateManifest(net, Classes));
        var manifest = ColonyNetOnnx.CreateManifest(net, Classes) with { Architecture = "ResNet-18" };
        model.MetadataProps[0].Value = ModelManifestSerializer.ToJson(manifest);
        var path = PathFor("resnet.onnx");
        OnnxModelWriter.Write(model, path);

        var ex = Assert.Throws<InvalidModelException>(() => ColonyNetOnnx.Import(path));
        Assert.Contains("ResNet-18", ex.Defect, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_of_a_model_missing_a_weight_names_the_weight()
    {
        using var net = TestNetworks.WithTrainedStatistics(TestNetworks.Tiny, seed: 2);
        var model = ColonyNetOnnx.ToModel(net, ColonyNetOnnx.CreateManifest(net, Classes));
        model.Graph.Initializer.Remove(model.Graph.Initializer.Single(t => t.Name == "layer2.0.bn1.running_var"));
        var path = PathFor("incomplete.onnx");
        OnnxModelWriter.Write(model, path);

        var ex = Assert.Throws<InvalidModelException>(() => ColonyNetOnnx.Import(path));
        Assert.Contains("layer2.0.bn1.running_var", ex.Defect, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_of_a_weight_with_the_wrong_shape_says_which()
    {
        using var net = TestNetworks.WithTrainedStatistics(TestNetworks.Tiny, seed: 2);
        var model = ColonyNetOnnx.ToModel(net, ColonyNetOnnx.CreateManifest(net, Classes));
        var head = model.Graph.Initializer.Single(t => t.Name == "head.bias");
        head.Dims[0] = 4;
        head.RawData = Google.Protobuf.ByteString.CopyFrom(new byte[16]);
        var path = PathFor("shape.onnx");
        OnnxModelWriter.Write(model, path);

        var ex = Assert.Throws<InvalidModelException>(() => ColonyNetOnnx.Import(path));
        Assert.Contains("head.bias", ex.Defect, StringComparison.Ordinal);
        Assert.Contains("[3]", ex.Defect, StringComparison.Ordinal);
    }
}
