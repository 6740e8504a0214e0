using ColonyQc.Inference.Imaging;
using ColonyQc.Inference.Preprocessing;
using ColonyQc.Inference.Scoring;
using Xunit;

namespace ColonyQc.Inference.Tests.Scoring;

[Collection(TestModelCollection.Name)]
public sealed class ColonyClassifierScoreTests(TestModelFixture model)
{
    private static byte[] Pixels(string path)
    {
        using var image = ImageDecoder.DecodeFile(path);
        return image.Pixels8.ToArray();
    }

    [Fact]
    public void File_stream_and_raw_buffers_give_the_same_probabilities()
    {
        var path = model.Fields[0];
        var pixels = Pixels(path);
        var sixteen = pixels.Select(b => (ushort)(b * 257)).ToArray();

        var fromFile = model.Classifier.Score(path, TestModelFixture.AtFieldScale);
        using var stream = File.OpenRead(path);
        var fromStream = model.Classifier.Score(stream, "stream.tif", TestModelFixture.AtFieldScale);
        var fromRaw = model.Classifier.Score(pixels, 256, 192, TestModelFixture.FieldUmPerPixel);
        var fromRaw16 = model.Classifier.Score(sixteen, 256, 192, TestModelFixture.FieldUmPerPixel);

        Assert.True(fromFile.Ok, fromFile.Error);
        Assert.Equal(fromFile.Probabilities, fromStream.Probabilities);
        Assert.Equal(fromFile.Probabilities, fromRaw.Probabilities);
        Assert.Equal(fromFile.Windows!.Probabilities, fromRaw.Windows!.Probabilities);

        // 16-bit differs from 8-bit only by float rounding of v*257/65535 against v/255.
        for (var c = 0; c < 3; c++)
        {
            Assert.Equal(fromFile.Probabilities[c], fromRaw16.Probabilities[c], 1e-4f);
        }

        Assert.Equal("stream.tif", fromStream.Source);
        Assert.Equal("buffer", fromRaw.Source);
    }

    [Fact]
    public void Result_carries_label_probabilities_windows_facts_and_quality()
    {
        var score = model.Classifier.Score(model.Fields[1], new ScoreOptions { UmPerPixel = 1.0, ComputeSha256 = true });

        Assert.True(score.Ok);
        Assert.Equal(3, score.Probabilities.Count);
        Assert.Equal(1.0, score.Probabilities.Sum(), 1e-5);
        Assert.Contains(score.Label, model.Manifest.ClassNames);
        Assert.Equal(score.Probabilities.Max(), score.Confidence);
        Assert.Equal(new ImageFacts(256, 192, 8, "tiff", "grey", 1.0, ScaleSource.Option, 1), score.Facts);
        var grid = score.Windows!;
        Assert.Equal((3, 2, 64, 48, 128, 96), (grid.Columns, grid.Rows, grid.WindowSize, grid.Stride, grid.CanonicalWidth, grid.CanonicalHeight));
        Assert.Equal(6 * 3, grid.Probabilities.Length);
        Assert.All(grid.Voting, Assert.True);
        Assert.Equal(1.0, score.Quality!.VotingFraction);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(model.Fields[1]))), score.Sha256);
    }

    [Fact]
    public void Window_logits_calibrated_with_the_temperature_are_the_window_probabilities()
    {
        var path = model.Fields[2];
        var score = model.Classifier.Score(path, TestModelFixture.AtFieldScale);
        using var plane = CanonicalResampler.Resample(Pixels(path), 256, 192, 1.0, 2.0);
        var layout = WindowLayout.For(plane.Width, plane.Height, 64, 48);

        var logits = model.Classifier.WindowLogits(plane, layout);

        Assert.Equal(layout.Count * 3, logits.Length);
        var probabilities = new float[3];
        for (var w = 0; w < layout.Count; w++)
        {
            WindowAggregator.Softmax(logits.AsSpan(w * 3, 3), model.Manifest.Temperature, probabilities);
            Assert.Equal(score.Windows!.Probabilities.AsSpan(w * 3, 3).ToArray(), probabilities);
        }
    }

    [Fact]
    public void Assumed_scale_empty_field_and_blur_are_review_reasons()
    {
        var assumed = model.Classifier.Score(model.Fields[0]);
        var empty = model.Classifier.Score(model.Fields[4], TestModelFixture.AtFieldScale);
        var blurred = model.Classifier.Score(model.Fields[3], TestModelFixture.AtFieldScale);

        Assert.Equal(ScaleSource.Assumed, assumed.Facts!.ScaleSource);
        Assert.Equal(0.8625, assumed.Facts.UmPerPixel);
        Assert.Contains(ReviewReason.ScaleAssumed, assumed.ReviewReasons);
        Assert.True(assumed.Review);
        Assert.Contains(ReviewReason.EmptyField, empty.ReviewReasons);
        Assert.All(empty.Windows!.Voting, Assert.False);
        Assert.Contains(ReviewReason.OutOfFocus, blurred.ReviewReasons);
    }

    [Fact]
    public void Objective_sets_the_scale_and_shrink_factor()
    {
        var score = model.Classifier.Score(model.Fields[0], new ScoreOptions { Objective = "10x" });

        Assert.Equal(ScaleSource.Objective, score.Facts!.ScaleSource);
        Assert.Equal(0.345, score.Facts.UmPerPixel, 1e-12);
        Assert.Equal(4, ImagePreparer.MaxShrinkFactor(new ScoreOptions { Objective = "10x" }, 2.0));
        Assert.Equal(2, ImagePreparer.MaxShrinkFactor(new ScoreOptions { UmPerPixel = 0.8625 }, 2.0));
        Assert.Equal(1, ImagePreparer.MaxShrinkFactor(new ScoreOptions(), 2.0));
        Assert.Equal(8, ImagePreparer.MaxShrinkFactor(new ScoreOptions { Objective = "40x" }, 2.0));
    }

    [Fact]
    public void Bad_files_become_error_rows_naming_the_file_and_the_rest_are_scored()
    {
        var missing = Path.Combine(model.Folder, "missing.tif");
        var text = model.WriteFile("notes.tif", System.Text.Encoding.ASCII.GetBytes("plate notes, not an image"));
        var empty = model.WriteFile("empty.tif", []);
        var good = File.ReadAllBytes(model.Fields[0]);
        var truncated = model.WriteFile("truncated.tif", good[..(good.Length / 3)]);
        string[] paths = [model.Fields[0], missing, text, empty, truncated, model.Fields[1]];

        var results = model.Classifier.ScoreBatch(paths, TestModelFixture.AtFieldScale);

        Assert.Equal(paths, results.Select(r => r.Source));
        Assert.True(results[0].Ok);
        Assert.True(results[5].Ok);
        for (var i = 1; i <= 4; i++)
        {
            Assert.False(results[i].Ok);
            Assert.Contains(paths[i], results[i].Error, StringComparison.Ordinal);
            Assert.Null(results[i].Label);
            Assert.Empty(results[i].Probabilities);
        }

        Assert.Equal(model.Classifier.Score(model.Fields[0], TestModelFixture.AtFieldScale).Probabilities, results[0].Probabilities);
        Assert.Equal(model.Classifier.Score(missing).Error, results[1].Error);
    }

    [Fact]
    public void Bad_options_fail_once_before_scoring()
    {
        Assert.Throws<ArgumentException>(() => model.Classifier.Score(model.Fields[0], new ScoreOptions { Objective = "ten" }));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Classifier.ScoreBatch(model.Fields, new ScoreOptions { UmPerPixel = -1 }));
    }
}
