using ColonyQc.Cli.Reports;
using Xunit;

namespace ColonyQc.Cli.Tests.Reports;

public sealed class AtomicFileWriterTests
{
    [Fact]
    public void Replaces_the_file_and_leaves_no_temporary_file()
    {
        using var folder = new TempFolder();
        var path = folder.File("r.csv");
        File.WriteAllText(path, "old");
        AtomicFileWriter.Write(path, s => s.Write("new"u8));
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void A_failure_while_writing_keeps_the_old_file_and_removes_the_temporary_one()
    {
        using var folder = new TempFolder();
        var path = folder.File("r.csv");
        File.WriteAllText(path, "old");
        Assert.Throws<InvalidOperationException>(() => AtomicFileWriter.Write(path, s =>
        {
            s.Write("half"u8);
            throw new InvalidOperationException("disk full");
        }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }
}
