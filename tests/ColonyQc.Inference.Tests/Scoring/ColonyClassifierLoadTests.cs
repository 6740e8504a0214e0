using ColonyQc.Inference.Model;
using ColonyQc.Inference.Scoring;
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
        var path = model.ModelWithReplacedText("version9.onnx", $"\"formatVersion\": {ColonyQc.Inference.Model.ModelManifest.CurrentFormatVersion}", "\"formatVersion\": 9");

        var error = Assert.Throws<InvalidModelException>(() => ColonyClassifier.Load(path));

        Assert.Contains("format version 9 is not supported", error.Message, StringComparison.Ordinal);
    }

    // A version 1 file as earlier ColonyQc wrote it: no textureMeasure field (renamed to an unknown,
    // ignored property of the same length so the protobuf stays well formed).
    private string Version1Model(string name)
    {
        var path = model.ModelWithReplacedText(name + ".tmp1", $"\"formatVersion\": {ColonyQc.Inference.Model.ModelManifest.CurrentFormatVersion}", "\"formatVersion\": 1");
        var text = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(path));
        const string Field = "\"textureMeasure\": \"QuadraticDetrendedStd\"";
        Assert.Contains(Field, text, StringComparison.Ordinal);
        var v1 = Path.Combine(model.Folder, name);
        File.WriteAllBytes(v1, System.Text.Encoding.Latin1.GetBytes(text.Replace(Field, "\"unusedPadding_\": \"QuadraticDetrendedStd\"", StringComparison.Ordinal)));
        return v1;
    }

    [Fact]
    public void Version_1_manifest_is_read_with_its_plain_std_texture_measure()
    {
        using var classifier = ColonyClassifier.Load(Version1Model("version1.onnx"));

        Assert.Equal(1, classifier.Manifest.FormatVersion);
        Assert.Equal(TextureMeasure.Std, classifier.Manifest.QualityGate.TextureMeasure);
        Assert.Equal(TextureMeasure.QuadraticDetrendedStd, model.Classifier.Manifest.QualityGate.TextureMeasure);
    }

    [Fact]
    public void Scoring_uses_the_texture_measure_the_manifest_names()
    {
        // A lamp gradient with vignetting over an empty field: its plain std passes the version 1
        // limit in every window (no empty_field, the old behaviour kept for old files), while the
        // detrended measure of the version 2 file finds no colony texture.
        var values = Quality.QualityTestImages.GradientEmpty(seed: 31);
        var pixels = Quality.QualityTestImages.To8Bit(values);
        using var old = ColonyClassifier.Load(Version1Model("version1-scoring.onnx"));

        var byOld = old.Score(pixels, Quality.QualityTestImages.Width, Quality.QualityTestImages.Height, TestModelFixture.FieldUmPerPixel);
        var byNew = model.Classifier.Score(pixels, Quality.QualityTestImages.Width, Quality.QualityTestImages.Height, TestModelFixture.FieldUmPerPixel);

        Assert.DoesNotContain(ReviewReason.EmptyField, byOld.ReviewReasons);
        Assert.True(byOld.Quality!.VotingFraction > 0.5, $"old voting fraction {byOld.Quality.VotingFraction}");
        Assert.Contains(ReviewReason.EmptyField, byNew.ReviewReasons);
        Assert.Equal(0, byNew.Quality!.VotingFraction);
    }

    [Fact]
    public void Unknown_texture_measure_is_refused_clearly()
    {
        var path = model.ModelWithReplacedText("measure.onnx", "\"QuadraticDetrendedStd\"", "\"CubicDetrendedStdXY\"  ");

        var error = Assert.Throws<InvalidModelException>(() => ColonyClassifier.Load(path));

        Assert.Contains("texture measure \"CubicDetrendedStdXY\" is not known", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_2_manifest_without_a_texture_measure_is_refused()
    {
        var path = model.ModelWithReplacedText("nomeasure.onnx", "\"textureMeasure\"", "\"textureMeasurX\"");

        var error = Assert.Throws<InvalidModelException>(() => ColonyClassifier.Load(path));

        Assert.Contains("names no qualityGate.textureMeasure", error.Message, StringComparison.Ordinal);
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
