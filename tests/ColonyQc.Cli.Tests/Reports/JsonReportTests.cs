using System.Text.Json;
using ColonyQc.Cli.Reports;
using Xunit;

namespace ColonyQc.Cli.Tests.Reports;

public sealed class JsonReportTests
{
    internal static RunMetadata Run() => new()
    {
        ToolVersion = "0.1.0",
        ModelPath = "/m/colonyqc.onnx",
        ModelSha256 = new string('b', 64),
        ManifestFormatVersion = 1,
        ModelArchitecture = "ColonyNet-v1",
        ClassNames = SampleRows.ClassNames,
        ClassSeverities = SampleRows.Severities,
        Options = new Dictionary<string, object?> { ["threads"] = 2, ["um-per-px"] = null, ["recursive"] = false },
        StartedUtc = new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero),
        EndedUtc = new DateTimeOffset(2026, 12, 2, 8, 1, 30, TimeSpan.Zero),
        ScaleNote = "assumed 0.8625 um/px",
    };

    [Fact]
    public void Rows_round_trip_and_metadata_is_written()
    {
        var rows = new[] { SampleRows.Scored("a.tif", review: true), SampleRows.Failed("b.tif", "b.tif: zero bytes") };
        using var stream = new MemoryStream();
        JsonReport.Write(stream, Run(), rows);

        stream.Position = 0;
        var back = JsonReport.Read(stream, "r.json").Rows;
        Assert.Equal(2, back.Count);
        SampleRows.AssertSameColumns(rows[0], back[0]);
        SampleRows.AssertSameColumns(rows[1], back[1]);
        Assert.Null(back[0].Windows);

        using var doc = JsonDocument.Parse(stream.ToArray());
        var run = doc.RootElement.GetProperty("run");
        Assert.Equal("0.1.0", run.GetProperty("toolVersion").GetString());
        Assert.Equal(new string('b', 64), run.GetProperty("modelSha256").GetString());
        Assert.Equal(1, run.GetProperty("manifestFormatVersion").GetInt32());
        Assert.Equal("2026-12-02T08:00:00.0000000Z", run.GetProperty("startedUtc").GetString());
        Assert.Equal("2026-12-02T08:01:30.0000000Z", run.GetProperty("endedUtc").GetString());
        Assert.Equal(2, run.GetProperty("options").GetProperty("threads").GetInt32());
        Assert.False(run.GetProperty("options").GetProperty("recursive").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, run.GetProperty("options").GetProperty("um-per-px").ValueKind);
        Assert.Equal("assumed 0.8625 um/px", run.GetProperty("scaleNote").GetString());
        var row = doc.RootElement.GetProperty("rows")[0];
        Assert.Equal(0.912345, row.GetProperty("confidence").GetDouble(), 1e-9);
        Assert.Equal(2, row.GetProperty("review_reasons").GetArrayLength());
    }

    [Fact]
    public void Windows_are_kept_when_asked_for()
    {
        using var stream = new MemoryStream();
        JsonReport.Write(stream, Run(), [SampleRows.Scored("a.tif")], includeWindows: true);
        stream.Position = 0;
        var grid = JsonReport.Read(stream, "r.json").Rows[0].Windows;
        Assert.NotNull(grid);
        Assert.Equal(2, grid.Columns);
        Assert.Equal([0.9f, 0.05f, 0.05f, 0.1f, 0.2f, 0.7f], grid.Probabilities);
        Assert.Equal([true, true], grid.Voting);
    }

    [Fact]
    public void Other_json_is_refused_with_the_file_name()
    {
        using var stream = new MemoryStream("{\"rows\": []}"u8.ToArray());
        var ex = Assert.Throws<InvalidDataException>(() => JsonReport.Read(stream, "x.json").Rows);
        Assert.StartsWith("x.json: not a ColonyQc JSON report", ex.Message, StringComparison.Ordinal);
    }
}
