using System.Globalization;
using ColonyQc.Cli.Reports;
using Xunit;

namespace ColonyQc.Cli.Tests.Reports;

public sealed class CsvReportTests
{
    private const string ExpectedHeader =
        "file,status,label,confidence,p_good,p_differentiating,p_abnormal,review,review_reasons,plate,well,field,width,height,bit_depth,um_per_px,sha256,error";

    [Fact]
    public void Header_is_exactly_the_documented_one()
    {
        var writer = new StringWriter();
        CsvReport.Write(writer, SampleRows.Classes, []);
        Assert.Equal(ExpectedHeader + "\n", writer.ToString());
    }

    [Fact]
    public void Scored_row_has_every_field_in_order()
    {
        var writer = new StringWriter();
        CsvReport.Write(writer, SampleRows.Classes, [SampleRows.Scored("imgs/scan_R_p00_z00_0_B03f01d0.tif", review: true)]);
        var line = writer.ToString().Split('\n')[1];
        Assert.Equal(
            "imgs/scan_R_p00_z00_0_B03f01d0.tif,ok,good,0.912345,0.912345,0.037655,0.05,true,low_confidence;scale_assumed,scan,B03,1,2048,1536,16,0.8625," + new string('a', 64) + ",",
            line);
    }

    [Fact]
    public void Fields_with_commas_quotes_and_line_breaks_are_quoted_and_read_back()
    {
        var rows = new[]
        {
            SampleRows.Scored("a,b/\"quoted\" name.tif"),
            SampleRows.Failed("bad.tif", "bad.tif: truncated, \"strip 3\"\nexpected 10 bytes"),
            SampleRows.Scored("plain.png", "abnormal", review: true),
        };
        var writer = new StringWriter();
        CsvReport.Write(writer, SampleRows.Classes, rows);
        Assert.Contains("\"a,b/\"\"quoted\"\" name.tif\"", writer.ToString(), StringComparison.Ordinal);

        var back = CsvReport.Read(new StringReader(writer.ToString()), "test.csv").Rows;
        Assert.Equal(rows.Length, back.Count);
        for (var i = 0; i < rows.Length; i++)
        {
            SampleRows.AssertSameColumns(rows[i], back[i]);
        }
    }

    [Fact]
    public void Numbers_use_the_invariant_culture_whatever_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var writer = new StringWriter();
            CsvReport.Write(writer, SampleRows.Classes, [SampleRows.Scored("x.tif")]);
            Assert.Contains(",0.912345,", writer.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("0,912345", writer.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Reading_a_file_with_another_header_names_the_file()
    {
        var ex = Assert.Throws<InvalidDataException>(() => CsvReport.Read(new StringReader("path,label\nx.tif,good\n"), "other.csv"));
        Assert.Contains("other.csv", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not a ColonyQc report", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_a_row_with_missing_fields_names_the_line()
    {
        var ex = Assert.Throws<InvalidDataException>(() => CsvReport.Read(new StringReader(ExpectedHeader + "\nx.tif,ok,good\n"), "short.csv"));
        Assert.Contains("short.csv: line 2 has 3 fields", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_a_bad_number_names_the_column()
    {
        var text = ExpectedHeader + "\nx.tif,ok,good,high,,,,,,,,,,,,,,\n";
        var ex = Assert.Throws<InvalidDataException>(() => CsvReport.Read(new StringReader(text), "n.csv"));
        Assert.Contains("confidence 'high' is not a number", ex.Message, StringComparison.Ordinal);
    }
}
