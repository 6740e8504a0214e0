using System.Text.Json;
using ColonyQc.Cli.Reports;
using ColonyQc.Cli.Tests.EndToEnd;
using Xunit;

namespace ColonyQc.Cli.Tests.Commands;

/// <summary>
/// The conventions every command follows: help for a bare call, "did you mean" for typos, progress and
/// notes on standard error, results on standard output (the report itself with --out -), --quiet and
/// --verbose, typed run options and a summary in the JSON report, the files sent to review named.
/// </summary>
public sealed class CliConventionsTests
{
    [Fact]
    public async Task A_bare_call_shows_the_help_and_succeeds()
    {
        var run = await CliRun.Invoke();

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("score", run.Output, StringComparison.Ordinal);
        Assert.Contains("--quiet", run.Output, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Theory]
    [InlineData("scroe", "Did you mean 'score'")]
    [InlineData("infoo", "Did you mean 'info'")]
    [InlineData("merge-report", "Did you mean 'merge-reports'")]
    public async Task A_mistyped_verb_gets_the_closest_one(string typed, string expected)
    {
        var run = await CliRun.Invoke(typed, "x");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mistyped_option_gets_the_closest_one()
    {
        var info = await CliRun.Invoke("info", "--jsn");
        Assert.Equal(ExitCodes.Usage, info.ExitCode);
        Assert.Contains("Did you mean '--json'", info.Error, StringComparison.Ordinal);

        using var folder = new TempFolder();
        TestImages.WriteMix(folder.Path, 1);
        var score = await CliRun.Invoke("score", folder.Path, "--model", TestModel.Path, "--um-per-pxx", "2");
        Assert.Equal(ExitCodes.Usage, score.ExitCode);
        Assert.Contains("Did you mean '--um-per-px'", score.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_and_notes_go_to_standard_error_and_the_summary_to_standard_output()
    {
        using var folder = new TempFolder();
        TestImages.WriteMix(folder.Path, 3);

        var run = await CliRun.Invoke("score", folder.Path, "--model", TestModel.Path, "--um-per-px", "2", "--threads", "1", "--out", folder.File("r.csv"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Model: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("with 1 thread,", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("1 threads", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("width=", run.Error, StringComparison.Ordinal); // no raw architecture string
        Assert.Contains("images in report", run.Output, StringComparison.Ordinal);
        Assert.Contains("Report: ", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Model: ", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "file,status,label")]
    [InlineData("json", "{")]
    public async Task Out_dash_writes_only_the_report_to_standard_output(string? format, string start)
    {
        using var folder = new TempFolder();
        TestImages.WriteMix(folder.Path, 3);
        string[] args = ["score", folder.Path, "--model", TestModel.Path, "--um-per-px", "2", "--out", "-"];

        var run = await CliRun.Invoke(format is null ? args : [.. args, "--format", format]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith(start, run.Output, StringComparison.Ordinal);
        Assert.Contains("images in report", run.Error, StringComparison.Ordinal);
        Assert.Contains("Report: standard output", run.Error, StringComparison.Ordinal);
        if (format is null)
        {
            var report = CsvReport.Read(new StringReader(run.Output), "stdout");
            Assert.Equal(3, report.Rows.Count);
        }
        else
        {
            using var doc = JsonDocument.Parse(run.Output);
            Assert.Equal(3, doc.RootElement.GetProperty("rows").GetArrayLength());
        }

        Assert.Equal([], Directory.GetFiles(folder.Path).Where(f => f.EndsWith(".csv", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Quiet_prints_nothing_but_verbose_names_every_failure()
    {
        using var folder = new TempFolder();
        TestImages.WriteMix(folder.Path, 2);
        File.WriteAllBytes(folder.File("cut.tif"), TestImages.Tiff8(5)[..300]);

        var quiet = await CliRun.Invoke("score", folder.Path, "--model", TestModel.Path, "--um-per-px", "2", "--out", folder.File("q.csv"), "--quiet");
        var verbose = await CliRun.Invoke("score", folder.Path, "--model", TestModel.Path, "--um-per-px", "2", "--out", folder.File("v.csv"), "--verbose");

        Assert.Equal(ExitCodes.SomeFilesFailed, quiet.ExitCode);
        Assert.Empty(quiet.Output);
        Assert.Empty(quiet.Error);
        Assert.Equal(ExitCodes.SomeFilesFailed, verbose.ExitCode);
        Assert.Contains("failed: " + folder.File("cut.tif"), verbose.Error, StringComparison.Ordinal);
        Assert.Contains("Model architecture: ", verbose.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_report_has_typed_options_and_a_summary_that_matches_its_rows()
    {
        using var folder = new TempFolder();
        TestImages.WriteMix(folder.Path, 4);
        var report = folder.File("r.json");

        var run = await CliRun.Invoke("score", folder.Path, "--model", TestModel.Path, "--out", report, "--threads", "2", "--batch-size", "4");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(File.ReadAllText(report));
        var options = doc.RootElement.GetProperty("run").GetProperty("options");
        Assert.Equal(2, options.GetProperty("threads").GetInt32());
        Assert.Equal(4, options.GetProperty("batch-size").GetInt32());
        Assert.False(options.GetProperty("recursive").GetBoolean());
        Assert.Equal(JsonValueKind.Null, options.GetProperty("um-per-px").ValueKind);
        Assert.Equal(JsonValueKind.Array, options.GetProperty("inputs").ValueKind);

        var summary = doc.RootElement.GetProperty("summary");
        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(rows.Count, summary.GetProperty("images").GetInt32());
        Assert.Equal(rows.Count(r => r.GetProperty("review").ValueKind == JsonValueKind.True), summary.GetProperty("review").GetInt32());
        foreach (var name in TestModel.ClassNames)
        {
            Assert.Equal(rows.Count(r => r.GetProperty("label").GetString() == name), summary.GetProperty("perClass").GetProperty(name).GetInt32());
        }

        // No scale given: every image goes to review, and the console names them.
        Assert.Contains("To review (4):", run.Output, StringComparison.Ordinal);
        Assert.Contains("(scale_assumed", run.Output, StringComparison.Ordinal);
    }
}
