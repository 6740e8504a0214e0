using ColonyQc.Cli.Tests.EndToEnd;
using ColonyQc.Inference.Model;
using ColonyQc.Training.Onnx;
using Xunit;

namespace ColonyQc.Cli.Tests.Commands;

public sealed class RecalibrateGateCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Restamps_a_copy_with_limits_for_the_current_measure()
    {
        foreach (var (label, count) in new[] { ("good", 4), ("differentiating", 4), ("abnormal", 4) })
        {
            for (var i = 0; i < count; i++)
            {
                var path = _folder.File(Path.Combine("data", label, $"f{i}.tif"));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, TestImages.Tiff8((label.Length * 100) + i));
            }
        }

        var output = _folder.File("restamped.onnx");

        var run = await CliRun.Invoke("recalibrate-gate", "--model", TestModel.Path, "--data", _folder.File("data"), "--out", output, "--um-per-px", "2", "--threads", "1", "--validation-fraction", "0.25");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("weights unchanged", run.Output, StringComparison.Ordinal);
        var manifest = ManifestStamp.Read(output);
        Assert.Equal(ModelManifest.CurrentFormatVersion, manifest.FormatVersion);
        Assert.Equal(TextureMeasure.QuadraticDetrendedStd, manifest.QualityGate.TextureMeasure);
        Assert.Equal(ManifestStamp.GraphBytes(TestModel.Path), ManifestStamp.GraphBytes(output));
    }

    [Fact]
    public async Task Missing_model_is_a_usage_error()
    {
        var run = await CliRun.Invoke("recalibrate-gate", "--model", _folder.File("absent.onnx"), "--data", _folder.Path);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("colonyqc recalibrate-gate:", run.Error, StringComparison.Ordinal);
    }
}
