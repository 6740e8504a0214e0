using System.Globalization;
using System.Text.Json;
using ColonyQc.Cli.Reports;
using ColonyQc.Inference;
using ColonyQc.Inference.Imaging.Encoding;
using Xunit;

namespace ColonyQc.Cli.Tests.EndToEnd;

/// <summary>
/// A lab's own class set (good/bad, as in Mamaeva 2022): the shipped model fine-tuned through
/// <c>colonyqc train</c> on tiny labelled images, then scored through the CLI into every report format and
/// through the library. Nothing in the scoring path may assume the shipped three classes.
/// </summary>
public sealed class TwoClassModelTests : IClassFixture<TwoClassModelTests.TunedModel>
{
    private readonly TunedModel _model;

    public TwoClassModelTests(TunedModel model) => _model = model;

    [Fact]
    public void Fine_tuning_on_good_and_bad_gives_a_model_of_those_classes()
    {
        using var classifier = ColonyClassifier.Load(_model.Path);

        Assert.Equal(["bad", "good"], classifier.Manifest.ClassNames);
        Assert.Equal(2, classifier.Manifest.Severities().Count);
    }

    [Fact]
    public async Task Csv_json_and_html_reports_carry_the_model_classes_and_a_correct_summary()
    {
        using var folder = new TempFolder();
        var csv = folder.File("scores.csv");
        var json = folder.File("scores.json");
        var html = folder.File("scores.html");

        foreach (var report in new[] { csv, json, html })
        {
            var run = await CliRun.Invoke("score", _model.Images, "--model", _model.Path, "--um-per-px", _model.UmPerPixel, "--out", report);
            Assert.True(run.ExitCode == 0, run.ToString());
            if (report == csv)
            {
                // The console summary counts each class of this model.
                var rows = ReportFiles.Read(csv).Rows;
                foreach (var name in new[] { "bad", "good" })
                {
                    var count = rows.Count(r => r.Label == name).ToString(CultureInfo.InvariantCulture);
                    Assert.Matches($"(?m)^{name} +{count}$", run.Output.ReplaceLineEndings("\n"));
                }
            }
        }

        var header = File.ReadLines(csv).First();
        Assert.Equal("file,status,label,confidence,p_bad,p_good,review,review_reasons,plate,well,field,width,height,bit_depth,um_per_px,sha256,error", header);
        var csvReport = ReportFiles.Read(csv);
        Assert.Equal(["bad", "good"], csvReport.ClassNames);
        Assert.Equal(_model.ImageCount, csvReport.Rows.Count);
        Assert.All(csvReport.Rows, r =>
        {
            Assert.True(r.IsOk, r.Error);
            Assert.Contains(r.Label, new[] { "bad", "good" });
            Assert.Equal(1.0, r.Probabilities!.Sum(), 1e-5);
            Assert.Equal(r.Confidence!.Value, r.Probabilities!.Max(), 1e-6);
        });

        using (var doc = JsonDocument.Parse(File.ReadAllText(json)))
        {
            var run = doc.RootElement.GetProperty("run");
            Assert.Equal(["bad", "good"], run.GetProperty("classNames").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(2, run.GetProperty("classSeverities").GetArrayLength());
            var first = doc.RootElement.GetProperty("rows")[0];
            Assert.True(first.TryGetProperty("p_bad", out _) && first.TryGetProperty("p_good", out _));
            Assert.False(first.TryGetProperty("p_abnormal", out _));
        }

        var page = File.ReadAllText(html);
        var htmlRows = HtmlReport.Read(page, html).Rows;
        Assert.Equal(csvReport.Rows.Select(r => (r.File, r.Label)), htmlRows.Select(r => (r.File, r.Label)));
        foreach (var name in new[] { "bad", "good" })
        {
            var count = csvReport.Rows.Count(r => r.Label == name);
            Assert.Contains($"\">{count}</b><span>{name}</span></div>", page, StringComparison.Ordinal);
            Assert.Contains($"<span class=\"name\">{name}</span>", page, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("differentiating", page, StringComparison.Ordinal);

        // merge-reports keeps the model's columns.
        var merged = folder.File("merged.csv");
        var merge = await CliRun.Invoke("merge-reports", csv, "--out", merged);
        Assert.True(merge.ExitCode == 0, merge.ToString());
        Assert.Equal(header, File.ReadLines(merged).First());
    }

    [Fact]
    public async Task The_library_gives_the_same_labels_and_probabilities_as_the_report()
    {
        using var folder = new TempFolder();
        var csv = folder.File("scores.csv");
        var run = await CliRun.Invoke("score", _model.Images, "--model", _model.Path, "--um-per-px", _model.UmPerPixel, "--out", csv);
        Assert.True(run.ExitCode == 0, run.ToString());
        var rows = ReportFiles.Read(csv).Rows.ToDictionary(r => Path.GetFileName(r.File));

        using var classifier = ColonyClassifier.Load(_model.Path);
        var options = new ScoreOptions { UmPerPixel = double.Parse(_model.UmPerPixel, CultureInfo.InvariantCulture) };
        var files = Directory.GetFiles(_model.Images).Order(StringComparer.Ordinal).ToList();
        foreach (var score in classifier.ScoreBatch(files, options))
        {
            var row = rows[Path.GetFileName(score.Source)];
            Assert.True(score.Ok, score.Error);
            Assert.Equal(row.Label, score.Label);
            for (var c = 0; c < 2; c++)
            {
                Assert.Equal(row.Probabilities![c], score.Probabilities[c], 1e-5);
            }
        }
    }

    [Fact]
    public async Task Resuming_a_report_with_another_model_classes_is_refused_and_keeps_the_report()
    {
        using var folder = new TempFolder();
        var csv = folder.File("scores.csv");
        var first = await CliRun.Invoke("score", _model.Images, "--model", _model.Path, "--um-per-px", _model.UmPerPixel, "--out", csv);
        Assert.True(first.ExitCode == 0, first.ToString());
        var before = File.ReadAllText(csv);

        var resumed = await CliRun.Invoke("score", _model.Images, "--model", TestModel.Path, "--um-per-px", _model.UmPerPixel, "--out", csv, "--resume");

        Assert.Equal(2, resumed.ExitCode);
        Assert.Contains("p_bad, p_good", resumed.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(csv));
    }

    /// <summary>Labelled tiny images (good: fine even texture; bad: coarse dark blotches) and the model fine-tuned on them, made once.</summary>
    public sealed class TunedModel : IDisposable
    {
        private const int Side = 160;
        private readonly TempFolder _folder = new();

        public TunedModel()
        {
            using (var shipped = ColonyClassifier.LoadDefault())
            {
                UmPerPixel = shipped.Manifest.UmPerPixel.ToString("R", CultureInfo.InvariantCulture);
            }

            var data = _folder.File("labelled");
            Images = _folder.File("to-score");
            Directory.CreateDirectory(Images);
            for (var i = 0; i < 6; i++)
            {
                foreach (var (label, bad) in new[] { ("good", false), ("bad", true) })
                {
                    var folder = System.IO.Path.Combine(data, label);
                    Directory.CreateDirectory(folder);
                    var file = TiffEncoder.Encode(Field(bad, seed: (i * 2) + (bad ? 1 : 0)), Side, Side);
                    File.WriteAllBytes(System.IO.Path.Combine(folder, $"{label}_plate{i % 3}_{i:00}.tif"), file);
                    if (i < 2)
                    {
                        File.WriteAllBytes(System.IO.Path.Combine(Images, $"{label}_{i:00}.tif"), file);
                    }
                }
            }

            ImageCount = Directory.GetFiles(Images).Length;
            Path = _folder.File("tuned.onnx");
            var train = CliRun.Invoke(
                "train", "--data", data, "--from", "shipped", "--um-per-px", UmPerPixel, "--epochs", "1", "--windows-per-image", "2",
                "--validation-fraction", "0.34", "--out", Path, "--run-dir", _folder.File("run"), "--threads", "2", "--seed", "3").GetAwaiter().GetResult();
            Assert.True(train.ExitCode == 0, train.ToString());
        }

        public string Path { get; }

        public string Images { get; }

        public int ImageCount { get; }

        public string UmPerPixel { get; }

        public void Dispose() => _folder.Dispose();

        private static byte[] Field(bool bad, int seed)
        {
            var random = new Random(seed);
            var pixels = new byte[Side * Side];
            for (var y = 0; y < Side; y++)
            {
                for (var x = 0; x < Side; x++)
                {
                    var v = bad
                        ? 70 + (60 * Math.Sin(x * 0.11) * Math.Sin(y * 0.13)) + random.Next(-40, 41)
                        : 130 + (25 * Math.Sin(x * 0.9) * Math.Cos(y * 0.8)) + random.Next(-10, 11);
                    pixels[(y * Side) + x] = (byte)Math.Clamp(v, 0, 255);
                }
            }

            return pixels;
        }
    }
}
