using ColonyQc.Inference.Model;
using ColonyQc.Inference.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Xunit;

namespace ColonyQc.MLNet.Tests;

public sealed class ColonyQcScoreTests(TinyModelFixture fixture) : IClassFixture<TinyModelFixture>
{
    private static readonly string[] Classes = ["good", "differentiating", "abnormal"];

    private sealed class ImageRow
    {
        public string ImagePath { get; set; } = string.Empty;
    }

    private List<float[]> ScoreWithMLNet(ColonyQcMLNetOptions? options = null, IEnumerable<string>? paths = null)
    {
        var ml = new MLContext(seed: 1);
        var rows = (paths ?? fixture.Images.Select(i => i.Path)).Select(p => new ImageRow { ImagePath = p }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.Transforms.ColonyQcScore(fixture.ModelPath, options).Fit(data);
        var scored = model.Transform(data);
        var column = (options ?? new ColonyQcMLNetOptions()).ProbabilitiesColumn;
        return scored.GetColumn<float[]>(column).ToList();
    }

    /// <summary>What inference does for one window: v/255 into the ONNX graph, softmax at the manifest temperature.</summary>
    private float[] ScoreWithOnnxRuntime(byte[] pixels)
    {
        using var session = new InferenceSession(fixture.ModelPath);
        var input = pixels.Select(v => v / 255f).ToArray();
        using var value = OrtValue.CreateTensorValueFromMemory(input, [1, 1, TinyModelFixture.Window, TinyModelFixture.Window]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["input"], [value], ["logits"]);
        var probabilities = new float[3];
        WindowAggregator.Softmax(outputs[0].GetTensorDataAsSpan<float>(), TinyModelFixture.Temperature, probabilities);
        return probabilities;
    }

    [Fact]
    public void Whole_window_images_get_the_probabilities_of_ONNX_Runtime_at_the_manifest_temperature()
    {
        var mlnet = ScoreWithMLNet();

        Assert.Equal(fixture.Images.Count, mlnet.Count);
        for (var i = 0; i < mlnet.Count; i++)
        {
            var expected = ScoreWithOnnxRuntime(fixture.Images[i].Pixels);
            Assert.Equal(3, mlnet[i].Length);
            for (var c = 0; c < 3; c++)
            {
                Assert.True(Math.Abs(expected[c] - mlnet[i][c]) <= 1e-4, $"image {i} class {c}: ML.NET {mlnet[i][c]}, ONNX Runtime {expected[c]}");
            }
        }
    }

    [Fact]
    public void Label_and_confidence_follow_the_probabilities_and_columns_can_be_renamed()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(fixture.Images.Select(i => new ImageRow { ImagePath = Path.GetFileName(i.Path) }).ToList());
        var options = new ColonyQcMLNetOptions { ImageFolder = fixture.Folder, ProbabilitiesColumn = "P", PredictedLabelColumn = "Label", ConfidenceColumn = "Conf" };

        var scored = ml.Transforms.ColonyQcScore(fixture.ModelPath, options).Fit(data).Transform(data);

        var p = scored.GetColumn<float[]>("P").ToList();
        var labels = scored.GetColumn<string>("Label").ToList();
        var confidence = scored.GetColumn<float>("Conf").ToList();
        for (var i = 0; i < p.Count; i++)
        {
            Assert.Equal(1f, p[i].Sum(), 1e-5f);
            var best = WindowAggregator.ArgMax(p[i]);
            Assert.Equal(Classes[best], labels[i]);
            Assert.Equal(p[i][best], confidence[i]);
        }

        string[] visible = ["ImagePath", "logits", "P", "Label", "Conf"];
        Assert.Equal(visible.Order(StringComparer.Ordinal), scored.Schema.Where(c => !c.IsHidden).Select(c => c.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ReadManifest_returns_what_was_exported()
    {
        var manifest = ColonyQcTransformsCatalogExtensions.ReadManifest(fixture.ModelPath);

        Assert.Equal(Classes, manifest.ClassNames);
        Assert.Equal(TinyModelFixture.Window, manifest.WindowSize);
        Assert.Equal(TinyModelFixture.Temperature, manifest.Temperature);
    }

    [Fact]
    public void A_missing_model_is_an_invalid_model_naming_the_file()
    {
        var ml = new MLContext();
        var path = Path.Combine(fixture.Folder, "absent.onnx");

        var ex = Assert.Throws<InvalidModelException>(() => ml.Transforms.ColonyQcScore(path));
        Assert.Contains("absent.onnx", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_onnx_is_an_invalid_model()
    {
        var path = Path.Combine(fixture.Folder, "text.onnx");
        File.WriteAllText(path, "not a model");

        var ex = Assert.Throws<InvalidModelException>(() => ColonyQcTransformsCatalogExtensions.ReadManifest(path));
        Assert.Contains("ONNX Runtime cannot load it", ex.Defect, StringComparison.Ordinal);
    }
}
