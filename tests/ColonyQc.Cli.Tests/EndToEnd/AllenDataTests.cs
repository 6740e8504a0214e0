using ColonyQc.Cli.Reports;
using ColonyQc.TestSupport;
using Xunit;

namespace ColonyQc.Cli.Tests.EndToEnd;

public sealed class AllenDataTests
{
    [AllenDataFact]
    public async Task Every_real_Allen_TIFF_is_scored_without_error()
    {
        using var folder = new TempFolder();
        var report = folder.File("allen.csv");

        var run = await CliRun.Invoke("score", SharedData.AllenTiles!, SharedData.AllenWells!, "--model", TestModel.Path, "--out", report, "--threads", "2");

        Assert.True(run.ExitCode == 0, run.ToString());
        var rows = ReportFiles.Read(report).Rows;
        Assert.Equal(SharedData.AllAllenFiles().Count, rows.Count);
        Assert.All(rows, r => Assert.True(r.IsOk, r.Error));
    }
}
