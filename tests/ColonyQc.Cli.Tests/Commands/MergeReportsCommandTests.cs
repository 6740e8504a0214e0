using System.Text.Json;
using ColonyQc.Cli.Reports;
using ColonyQc.Cli.Tests.Reports;
using Xunit;

namespace ColonyQc.Cli.Tests.Commands;

public sealed class MergeReportsCommandTests
{
    private static void WriteCsv(string path, params ReportRow[] rows)
    {
        using var writer = new StreamWriter(path);
        CsvReport.Write(writer, SampleRows.Classes, rows);
    }

    [Fact]
    public async Task Merges_shard_reports_sorted_by_file()
    {
        using var folder = new TempFolder();
        WriteCsv(folder.File("1.csv"), SampleRows.Scored("d/c.tif"), SampleRows.Scored("d/a.tif"));
        WriteCsv(folder.File("2.csv"), SampleRows.Failed("d/b.tif", "d/b.tif: zero bytes"));

        var run = await CliRun.Invoke("merge-reports", folder.File("1.csv"), folder.File("2.csv"), "--out", folder.File("all.csv"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var rows = ReportFiles.Read(folder.File("all.csv")).Rows;
        Assert.Equal(["d/a.tif", "d/b.tif", "d/c.tif"], rows.Select(r => r.File));
        Assert.Equal("error", rows[1].Status);
        Assert.Contains("3 files (1 errors)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_in_two_reports_keeps_the_scored_row()
    {
        using var folder = new TempFolder();
        WriteCsv(folder.File("1.csv"), SampleRows.Scored("a.tif"));
        WriteCsv(folder.File("2.csv"), SampleRows.Failed("a.tif", "a.tif: locked"));

        var run = await CliRun.Invoke("merge-reports", folder.File("1.csv"), folder.File("2.csv"), "-o", folder.File("all.json"));

        Assert.True(run.ExitCode == 0, run.ToString());
        using var stream = File.OpenRead(folder.File("all.json"));
        var rows = JsonReport.Read(stream, "all.json").Rows;
        Assert.Equal("ok", Assert.Single(rows).Status);
        using var doc = JsonDocument.Parse(File.ReadAllText(folder.File("all.json")));
        Assert.Equal(2, doc.RootElement.GetProperty("merge").GetProperty("sources").GetArrayLength());
    }

    [Fact]
    public async Task A_missing_or_foreign_report_is_a_usage_error_naming_it()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("other.csv"), "a,b\n1,2\n");

        var missing = await CliRun.Invoke("merge-reports", folder.File("nope.csv"), "--out", folder.File("all.csv"));
        var foreign = await CliRun.Invoke("merge-reports", folder.File("other.csv"), "--out", folder.File("all.csv"));
        var badOut = await CliRun.Invoke("merge-reports", folder.File("other.csv"), "--out", folder.File("all.txt"));

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nope.csv': no such file", missing.Error, StringComparison.Ordinal);
        Assert.Equal(2, foreign.ExitCode);
        Assert.Contains("other.csv: not a ColonyQc report", foreign.Error, StringComparison.Ordinal);
        Assert.Equal(2, badOut.ExitCode);
        Assert.False(File.Exists(folder.File("all.csv")));
    }
}
