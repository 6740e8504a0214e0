using Xunit;

namespace ColonyQc.Cli.Tests.Commands;

/// <summary>Usage errors are caught before any model is loaded or image read: exit code 2 with a message.</summary>
public sealed class ScoreCommandUsageTests
{
    [Theory]
    [InlineData("--out", "report.txt", "must end in .csv, .json or .html")]
    [InlineData("--shard", "4/3", "--shard '4/3'")]
    [InlineData("--um-per-px", "-1", "--um-per-px -1")]
    [InlineData("--objective", "huge", "--objective 'huge'")]
    [InlineData("--threads", "0", "--threads 0")]
    [InlineData("--batch-size", "0", "--batch-size 0")]
    public async Task Bad_option_values_exit_2_with_a_message(string option, string value, string message)
    {
        using var folder = new TempFolder();
        var run = await CliRun.Invoke("score", folder.Path, option, value);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_scale_options_exit_2()
    {
        using var folder = new TempFolder();
        var run = await CliRun.Invoke("score", folder.Path, "--um-per-px", "0.5", "--objective", "10x");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("either --um-per-px or --objective", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("score")]
    [InlineData("score", "x", "--threads")]
    [InlineData("score", "x", "--threads", "many")]
    [InlineData("no-such-command")]
    public async Task Parse_errors_exit_2(params string[] args)
    {
        var run = await CliRun.Invoke(args);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("colonyqc --help", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_exits_2_naming_it()
    {
        using var folder = new TempFolder();
        var run = await CliRun.Invoke("score", folder.Path, "--no-such-option", "--model", folder.File("m.onnx"));
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--no-such-option", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_model_file_exits_2_naming_it()
    {
        using var folder = new TempFolder();
        var run = await CliRun.Invoke("score", folder.Path, "--model", folder.File("none.onnx"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("none.onnx': no such file", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_option_groups()
    {
        var run = await CliRun.Invoke("score", "--help");
        Assert.Equal(0, run.ExitCode);
        foreach (var group in new[] { "[input]", "[scale]", "[model]", "[output]", "[cluster]", "[performance]" })
        {
            Assert.Contains(group, run.Output, StringComparison.Ordinal);
        }
    }
}
