using ColonyQc.Cli.Reports;
using Xunit;

namespace ColonyQc.Cli.Tests.Reports;

/// <summary>The on-disk row store of a long run: rows come back as they went in, in order, and nothing is left behind.</summary>
public sealed class ReportRowSpillTests
{
    [Fact]
    public void Rows_come_back_with_every_report_column_in_order()
    {
        ReportRow[] rows =
        [
            SampleRows.Scored("/data/a, \"quoted\".tif", "good", review: true),
            SampleRows.Failed("/data/b.tif", "b.tif: TIFF strip 0 is truncated: expected 2048 bytes"),
            SampleRows.Scored("/data/c.tif", "abnormal"),
        ];
        using var spill = new ReportRowSpill(SampleRows.Classes);
        foreach (var row in rows)
        {
            spill.Add(row);
        }

        var back = spill.Rows().ToList();

        Assert.Equal(3, spill.Count);
        Assert.Equal(rows.Length, back.Count);
        for (var i = 0; i < rows.Length; i++)
        {
            SampleRows.AssertSameColumns(rows[i], back[i]);
        }
    }

    [Fact]
    public void Rows_can_be_read_at_a_checkpoint_and_again_after_more_are_added()
    {
        using var spill = new ReportRowSpill(SampleRows.Classes);
        spill.Add(SampleRows.Scored("/d/1.tif"));
        spill.Add(SampleRows.Scored("/d/2.tif"));

        var atCheckpoint = spill.Rows().Select(r => r.File).ToList();
        spill.Add(SampleRows.Scored("/d/3.tif"));
        var atEnd = spill.Rows().Select(r => r.File).ToList();

        Assert.Equal(["/d/1.tif", "/d/2.tif"], atCheckpoint);
        Assert.Equal(["/d/1.tif", "/d/2.tif", "/d/3.tif"], atEnd);
        Assert.Equal(atEnd, spill.Rows().Select(r => r.File).ToList());
    }

    [Fact]
    public void An_empty_spill_reads_as_no_rows()
    {
        using var spill = new ReportRowSpill(SampleRows.Classes);

        Assert.Empty(spill.Rows());
    }

    [Fact]
    public void A_row_out_of_file_order_is_refused()
    {
        using var spill = new ReportRowSpill(SampleRows.Classes);
        spill.Add(SampleRows.Scored("/d/b.tif"));

        var refused = Assert.Throws<InvalidOperationException>(() => spill.Add(SampleRows.Scored("/d/a.tif")));
        Assert.Contains("file order", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_file_is_left_in_the_temporary_folder()
    {
        var pattern = $"colonyqc-rows-{Environment.ProcessId}-*";
        var before = Directory.GetFiles(Path.GetTempPath(), pattern).Length;
        using (var spill = new ReportRowSpill(SampleRows.Classes))
        {
            spill.Add(SampleRows.Scored("/d/1.tif"));
            if (!OperatingSystem.IsWindows())
            {
                // Unlinked while open: a process killed now leaves nothing behind.
                Assert.Equal(before, Directory.GetFiles(Path.GetTempPath(), pattern).Length);
            }
        }

        Assert.Equal(before, Directory.GetFiles(Path.GetTempPath(), pattern).Length);
    }

    [Fact]
    public void Many_rows_stream_back_in_order()
    {
        // Property: any number of rows (across the 64 KB buffers of writer and reader) round-trips in order.
        using var spill = new ReportRowSpill(SampleRows.Classes);
        var files = Enumerable.Range(0, 5000).Select(i => $"/plate/{i:D6}_R_p00_0_A01f01d0.tif").ToList();
        foreach (var file in files)
        {
            spill.Add(SampleRows.Scored(file, review: file.EndsWith('7')));
        }

        Assert.Equal(files, spill.Rows().Select(r => r.File));
    }
}
