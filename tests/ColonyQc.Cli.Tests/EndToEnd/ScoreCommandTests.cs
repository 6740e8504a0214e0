using System.Security.Cryptography;
using System.Text.Json;
using ColonyQc.Cli.Reports;
using Xunit;

namespace ColonyQc.Cli.Tests.EndToEnd;

/// <summary><c>colonyqc score</c> end to end, in-process, on generated images and a tiny model.</summary>
public sealed class ScoreCommandTests
{
    private const string Header =
        "file,status,label,confidence,p_good,p_differentiating,p_abnormal,review,review_reasons,plate,well,field,width,height,bit_depth,um_per_px,sha256,error";

    private static Task<CliRun> Score(params string[] args) =>
        CliRun.Invoke(["score", .. args, "--model", TestModel.Path, "--threads", "2"]);

    [Fact]
    public async Task A_folder_scores_to_one_row_per_image_with_the_exact_header()
    {
        using var folder = new TempFolder();
        var images = TestImages.WriteMix(folder.Path, 4);
        File.WriteAllBytes(folder.File("scan_R_p00_z00_0_B03f01d0.tif"), TestImages.Tiff8(9));
        File.WriteAllBytes(folder.File("scan_D_p00_z00_0_B03f01d0.tif"), TestImages.Tiff8(9));
        File.WriteAllText(folder.File("labels.csv"), "file,label\n");
        var report = folder.File("out/report.csv");

        var run = await Score(folder.Path, "--out", report, "--um-per-px", "2");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = File.ReadAllLines(report);
        Assert.Equal(Header, lines[0]);
        var rows = ReportFiles.Read(report).Rows;
        Assert.Equal(images.Append(folder.File("scan_R_p00_z00_0_B03f01d0.tif")).Order(StringComparer.Ordinal), rows.Select(r => r.File));
        Assert.All(rows, r =>
        {
            Assert.Equal("ok", r.Status);
            Assert.Contains(r.Label, TestModel.ClassNames);
            Assert.Equal(1.0, r.Probabilities!.Sum(), 1e-4);
            Assert.Equal(TestImages.Width, r.Width);
            Assert.Equal(TestImages.Height, r.Height);
            Assert.Equal(2.0, r.UmPerPixel);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(r.File))), r.Sha256);
        });
        var evos = rows.Single(r => r.File.EndsWith("B03f01d0.tif", StringComparison.Ordinal));
        Assert.Equal(("scan", "B03", 1), (evos.Plate, evos.Well, evos.Field));
        Assert.Equal(16, rows.Single(r => r.File.EndsWith("img001.tif", StringComparison.Ordinal)).BitDepth);
        Assert.Contains("skipped 1 EVOS display/merged", run.Error, StringComparison.Ordinal);
        Assert.Contains("skipped (EVOS D/M)", run.Output, StringComparison.Ordinal);
        Assert.Contains("images/s", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_files_become_error_rows_naming_file_and_defect_while_the_rest_is_scored()
    {
        using var folder = new TempFolder();
        TestImages.WriteMix(folder.Path, 2);
        File.WriteAllBytes(folder.File("empty.tif"), []);
        File.WriteAllBytes(folder.File("truncated.tif"), TestImages.Tiff8(3)[..400]);
        File.WriteAllText(folder.File("notes-as.tif"), "this is a text file, not a TIFF");
        File.WriteAllBytes(folder.File("huge.tif"), TestImages.HugeDeclaredTiff());
        File.WriteAllBytes(folder.File("no-extension"), TestImages.Png(5)); // found by content
        var report = folder.File("r.csv");

        var run = await Score(folder.Path, "--out", report, "--objective", "4x");

        Assert.True(run.ExitCode == 3, run.ToString());
        var rows = ReportFiles.Read(report).Rows.ToDictionary(r => Path.GetFileName(r.File));
        Assert.Equal(7, rows.Count);
        foreach (var bad in new[] { "empty.tif", "truncated.tif", "notes-as.tif", "huge.tif" })
        {
            var row = rows[bad];
            Assert.Equal("error", row.Status);
            Assert.Contains(bad, row.Error, StringComparison.Ordinal);
            Assert.True(row.Error!.Length > bad.Length + 10, $"{bad}: the error should say what is wrong: {row.Error}");
            Assert.Null(row.Label);
        }

        Assert.Contains("60000", rows["huge.tif"].Error, StringComparison.Ordinal);
        Assert.All(new[] { "img000.tif", "img001.tif", "no-extension" }, name => Assert.Equal("ok", rows[name].Status));
        Assert.Contains("4 files could not be scored", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_images_found_exits_2()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("labels.csv"), "file,label\n");
        var run = await Score(folder.Path, "--out", folder.File("r.csv"));
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("no images found", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("r.csv")));
    }

    [Fact]
    public async Task An_invalid_model_exits_2_naming_it()
    {
        using var folder = new TempFolder();
        TestImages.WriteMix(folder.Path, 1);
        File.WriteAllText(folder.File("broken.onnx"), "not a model");
        var run = await CliRun.Invoke("score", folder.Path, "--model", folder.File("broken.onnx"), "--out", folder.File("r.csv"));
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("broken.onnx", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_report_has_the_rows_and_the_run_metadata()
    {
        using var folder = new TempFolder();
        TestImages.WriteMix(folder.Path, 3);
        var report = folder.File("r.json");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var run = await Score(folder.Path, "--out", report, "--batch-size", "4");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(File.ReadAllText(report));
        var meta = doc.RootElement.GetProperty("run");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(TestModel.Path))), meta.GetProperty("modelSha256").GetString());
        Assert.Equal(Path.GetFullPath(TestModel.Path), meta.GetProperty("model").GetString());
        Assert.Equal(ColonyQc.Inference.Model.ModelManifest.CurrentFormatVersion, meta.GetProperty("manifestFormatVersion").GetInt32());
        Assert.False(string.IsNullOrEmpty(meta.GetProperty("toolVersion").GetString()));
        Assert.Equal(4, meta.GetProperty("options").GetProperty("batch-size").GetInt32());
        var started = DateTimeOffset.Parse(meta.GetProperty("startedUtc").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var ended = DateTimeOffset.Parse(meta.GetProperty("endedUtc").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(before <= started && started <= ended, $"{before} {started} {ended}");
        // No scale option and no resolution tags: the assumed scale is stated.
        Assert.Contains("assumed", meta.GetProperty("scaleNote").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, doc.RootElement.GetProperty("rows").GetArrayLength());
        Assert.All(ReportFiles.Read(report).Rows, r => Assert.Contains("scale_assumed", r.ReviewReasons));
    }

    [Fact]
    public async Task Html_report_names_every_file_and_embeds_its_thumbnail()
    {
        using var folder = new TempFolder();
        var images = TestImages.WriteMix(folder.Path, 4);
        File.WriteAllBytes(folder.File("zz-empty.tif"), []);
        var report = folder.File("r.html");

        var run = await Score(folder.Path, "--out", report, "--um-per-px", "2");

        Assert.True(run.ExitCode == 3, run.ToString());
        var html = File.ReadAllText(report);
        foreach (var image in images)
        {
            Assert.Contains(Path.GetFileName(image) + "</div>", html, StringComparison.Ordinal);
        }

        Assert.Contains("zz-empty.tif", html, StringComparison.Ordinal);
        Assert.Equal(4, CountOf(html, "src=\"data:image/png;base64,"));
        Assert.Equal(4, CountOf(html, "<svg class=\"heat\""));
        Assert.Equal(5, HtmlReport.Read(html, report).Rows.Count);
    }

    [Fact]
    public async Task Resume_keeps_unchanged_rows_and_scores_new_and_changed_files()
    {
        using var folder = new TempFolder();
        var images = TestImages.WriteMix(folder.Path, 4);
        var report = folder.File("r.csv");
        var first = await Score(folder.Path, "--out", report, "--um-per-px", "2");
        Assert.True(first.ExitCode == 0, first.ToString());
        var before = ReportFiles.Read(report).Rows.ToDictionary(r => r.File);

        File.WriteAllBytes(images[1], TestImages.Tiff8(99)); // changed content, same name
        TestImages.WriteMix(folder.Path, 1, "new");
        var second = await Score(folder.Path, "--out", report, "--um-per-px", "2", "--resume");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("kept 3 unchanged rows", second.Error, StringComparison.Ordinal);
        Assert.Contains("Scoring 2 of 5 images", second.Error, StringComparison.Ordinal);
        // Kept rows (in memory) and rescored rows (streamed from disk) are merged in file order.
        var afterRows = ReportFiles.Read(report).Rows;
        Assert.Equal(afterRows.Select(r => r.File).Order(StringComparer.Ordinal), afterRows.Select(r => r.File));
        var after = afterRows.ToDictionary(r => r.File);
        Assert.Equal(5, after.Count);
        Assert.NotEqual(before[images[1]].Sha256, after[images[1]].Sha256);
        foreach (var kept in new[] { images[0], images[2], images[3] })
        {
            Reports.SampleRows.AssertSameColumns(before[kept], after[kept]);
        }
    }

    [Fact]
    public async Task Shards_cover_every_file_exactly_once_and_merge_into_the_full_report()
    {
        using var folder = new TempFolder();
        TestImages.WriteMix(folder.Path, 9);
        var full = folder.File("full.csv");
        Assert.Equal(0, (await Score(folder.Path, "--out", full, "--um-per-px", "2")).ExitCode);

        var parts = new List<string>();
        for (var k = 1; k <= 3; k++)
        {
            var part = folder.File($"part{k}.csv");
            var run = await Score(folder.Path, "--out", part, "--um-per-px", "2", "--shard", $"{k}/3");
            Assert.True(run.ExitCode == 0, run.ToString());
            parts.Add(part);
        }

        var files = parts.SelectMany(p => ReportFiles.Read(p).Rows).Select(r => r.File).ToList();
        Assert.Equal(9, files.Count);
        Assert.Equal(9, files.Distinct().Count());

        var merged = folder.File("merged.csv");
        var merge = await CliRun.Invoke(["merge-reports", .. parts, "--out", merged]);
        Assert.True(merge.ExitCode == 0, merge.ToString());
        var expected = ReportFiles.Read(full).Rows;
        var actual = ReportFiles.Read(merged).Rows;
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Reports.SampleRows.AssertSameColumns(expected[i], actual[i]);
        }
    }

    [Fact]
    public async Task A_cancelled_run_exits_130_and_leaves_a_valid_report_with_the_work_done()
    {
        using var folder = new TempFolder();
        TestImages.WriteMix(folder.Path, 2);
        var report = folder.File("r.csv");
        Assert.Equal(0, (await Score(folder.Path, "--out", report, "--um-per-px", "2")).ExitCode);
        TestImages.WriteMix(folder.Path, 6, "more");

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var run = await CliRun.Invoke(cancelled.Token, "score", folder.Path, "--model", TestModel.Path, "--out", report, "--um-per-px", "2", "--resume");

        Assert.True(run.ExitCode == 130, run.ToString());
        Assert.Contains("Interrupted", run.Error, StringComparison.Ordinal);
        var rows = ReportFiles.Read(report).Rows;
        Assert.Equal(2, rows.Count(r => r.File.Contains("/img", StringComparison.Ordinal)));
        Assert.All(rows, r => Assert.Equal("ok", r.Status));
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
