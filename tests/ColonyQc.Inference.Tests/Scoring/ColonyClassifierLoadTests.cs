using ColonyQc.Inference.Model;
using Xunit;

namespace ColonyQc.Inference.Tests.Scoring;

[Collection(TestModelCollection.Name)]
public sealed class ColonyClassifierLoadTests(TestModelFixture model)
{
    [Fact]
    public void Loaded_model_exposes_its_manifest_path_and_hash()
    {
        using var classifier = ColonyClassifier.Load(model.ModelPath);

        Assert.Equal(model.Manifest.ClassNames, classifier.Manifest.ClassNames);
        Assert.Equal(64, classifier.Manifest.WindowSize);
        Assert.Equal(1.7, classifier.Manifest.Temperature);
        Assert.Equal(model.ModelPath, classifier.ModelPath);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(model.ModelBytes)), classifier.ModelSha256);
    }

    [Fact]
    public void Missing_file_is_an_invalid_model_naming_it()
    {
        var path = Path.Combine(model.Folder, "absent.onnx");

        var error = Assert.Throws<InvalidModelException>(() => ColonyClassifier.Load(path));

        Assert.Equal(path, error.ModelPath);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_file_is_not_onnx()
    {
        var path = model.WriteFile("garbage.onnx", System.Text.Encoding.ASCII.GetBytes("this is not a model at all, just text"));

        var error = Assert.Throws<InvalidModelException>(() => ColonyClassifier.Load(path));

        Assert.Contains("not an ONNX model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Onnx_without_manifest_is_refused()
    {
        var path = model.ModelWithReplacedText("nomanifest.onnx", ModelManifest.MetadataKey, "colonyqc.manifesX");

        var error = Assert.Throws<InvalidModelException>(() => ColonyClassifier.Load(path));

        Assert.Contains("no ColonyQc manifest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_manifest_version_is_refused()
    {
        var path = model.ModelWithReplacedText("version9.onnx", "\"formatVersion\": 1", "\"formatVersion\": 9");

        var error = Assert.Throws<InvalidModelException>(() => ColonyClassifier.Load(path));

        Assert.Contains("format version 9 is not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_window_that_disagrees_with_the_graph_input_is_refused()
    {
        var path = model.ModelWithReplacedText("window32.onnx", "\"windowSize\": 64", "\"windowSize\": 32");

        var error = Assert.Throws<InvalidModelException>(() => ColonyClassifier.Load(path));

        Assert.Contains("the manifest needs float32 [N, 1, 32, 32]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_positive_options_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ColonyClassifier.Load(model.ModelPath, new ClassifierOptions { BatchSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ColonyClassifier.Load(model.ModelPath, new ClassifierOptions { Threads = 0 }));
    }
}
