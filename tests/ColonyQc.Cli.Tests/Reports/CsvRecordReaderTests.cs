using ColonyQc.Cli.Reports;
using Xunit;

namespace ColonyQc.Cli.Tests.Reports;

public sealed class CsvRecordReaderTests
{
    [Fact]
    public void Reads_quoted_fields_crlf_and_a_missing_final_line_break()
    {
        var records = CsvRecordReader.ReadAll(new StringReader("a,\"b,c\",\"d\"\"e\"\r\n\"multi\nline\",,x"));
        Assert.Equal(2, records.Count);
        Assert.Equal(["a", "b,c", "d\"e"], records[0]);
        Assert.Equal(["multi\nline", "", "x"], records[1]);
    }

    [Fact]
    public void Blank_lines_are_not_records_but_empty_fields_are_kept()
    {
        var records = CsvRecordReader.ReadAll(new StringReader("a,b\n\n,\n"));
        Assert.Equal(2, records.Count);
        Assert.Equal(["", ""], records[1]);
    }
}
