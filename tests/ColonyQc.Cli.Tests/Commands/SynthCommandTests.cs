using System.CommandLine;
using ColonyQc.Cli.Commands;
using Xunit;

namespace ColonyQc.Cli.Tests.Commands;

public sealed class SynthCommandTests
{
    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Build().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Writes_a_data_set_and_reports_what_it_wrote()
    {
        var folder = Path.Combine(Path.GetTempPath(), "colonyqc-synth-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, output, error) = Run("synth", "--out", folder, "--count", "3", "--width", "128", "--height", "96", "--layout", "evos", "--fields-per-well", "1", "--format", "png", "--bit-depth", "16", "--seed", "9");
            Assert.True(exit == 0, error);
            Assert.Contains("wrote 3 fields (good 1, differentiating 1, abnormal 1", output, StringComparison.Ordinal);
            Assert.Equal(4, File.ReadAllLines(Path.Combine(folder, "labels.csv")).Length);
            Assert.Equal(3, Directory.GetFiles(folder, "scan01_R_p00_z00_0_A0?f01d0.png").Length);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData("--balance", "1,1", "three weights")]
    [InlineData("--balance", "1,x,1", "'x' is not a number")]
    [InlineData("--format", "jpeg", "JPEG holds 8-bit")]
    [InlineData("--wells-per-plate", "200", "wells per plate")]
    public void Bad_options_fail_with_a_message_and_write_nothing(string option, string value, string expected)
    {
        var folder = Path.Combine(Path.GetTempPath(), "colonyqc-synth-cli-" + Guid.NewGuid().ToString("N"));
        var (exit, _, error) = Run("synth", "--out", folder, "--bit-depth", "16", option, value);
        Assert.Equal(2, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void Bit_depth_other_than_8_or_16_is_a_parse_error()
    {
        var (exit, _, _) = Run("synth", "--out", "x", "--bit-depth", "12");
        Assert.NotEqual(0, exit);
    }

    [Fact]
    public void Needs_an_output_folder_or_a_contact_sheet()
    {
        var (exit, _, error) = Run("synth", "--count", "1");
        Assert.Equal(2, exit);
        Assert.Contains("--contact-sheet", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_a_contact_sheet_png()
    {
        var path = Path.Combine(Path.GetTempPath(), "colonyqc-sheet-" + Guid.NewGuid().ToString("N") + ".png");
        try
        {
            var (exit, output, error) = Run("synth", "--contact-sheet", path, "--width", "256", "--height", "192");
            Assert.True(exit == 0, error);
            Assert.Contains("contact sheet:", output, StringComparison.Ordinal);
            Assert.True(File.ReadAllBytes(path).AsSpan().StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Weights_parse_in_class_order()
    {
        Assert.Equal([2.0, 1.0, 0.5], SynthCommand.ParseWeights("2, 1,0.5"));
    }
}
