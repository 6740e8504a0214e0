using ColonyQc.TestSupport;
using Xunit;

namespace ColonyQc.Packaging.Tests;

/// <summary>
/// Both tools installed as a user installs them (<c>dotnet tool install --tool-path</c> from the local
/// feed): the scoring tool scores, describes, evaluates and merges with no libtorch at all, and says how
/// to get training; with the training tool beside it, <c>colonyqc train</c> hands over and really trains.
/// </summary>
[Collection(nameof(PackedFeed))]
public sealed class ToolInstallTests(PackedFeed feed)
{
    private const long ScoringToolLimit = 60L * 1024 * 1024;

    [Fact]
    public void Scoring_tool_installs_under_60_MB_and_runs_every_scoring_verb_without_libtorch()
    {
        var tools = Install("lean-tools", "colonyqc");
        var work = Path.Combine(feed.Root, "lean-work");
        Directory.CreateDirectory(work);
        var colonyqc = Path.Combine(tools, OperatingSystem.IsWindows() ? "colonyqc.exe" : "colonyqc");
        var installed = Directory.GetFiles(tools, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Assert.True(installed <= ScoringToolLimit, $"colonyqc installs {installed / 1e6:F1} MB");
        Assert.DoesNotContain(Directory.GetFiles(tools, "*", SearchOption.AllDirectories), f => Path.GetFileName(f).Contains("torch", StringComparison.OrdinalIgnoreCase) && !f.EndsWith(".xml", StringComparison.Ordinal));
        var isolated = new Dictionary<string, string> { ["PATH"] = Path.GetDirectoryName(Environment.ProcessPath) ?? string.Empty, ["HOME"] = work, ["USERPROFILE"] = work };
        var samples = Path.Combine(SharedData.RepositoryRoot, "sample-images");

        var info = DotnetCli.Run(colonyqc, ["info"], work, isolated);
        Assert.True(info.ExitCode == 0, info.Both);
        Assert.Contains("Classes", info.Output, StringComparison.Ordinal);
        Assert.Equal(info.Output, DotnetCli.Run(colonyqc, ["info", "shipped"], work, isolated).Output);

        var score = DotnetCli.Run(colonyqc, ["score", samples, "--out", "scores.csv"], work, isolated);
        Assert.True(score.ExitCode == 0, score.Both);
        var rows = File.ReadAllLines(Path.Combine(work, "scores.csv"));
        Assert.Equal(Directory.GetFiles(samples).Count(f => !f.EndsWith(".csv", StringComparison.Ordinal) && !f.EndsWith(".md", StringComparison.Ordinal)) + 1, rows.Length);

        var evaluate = DotnetCli.Run(colonyqc, ["evaluate", "--data", samples, "--out", "metrics.json"], work, isolated);
        Assert.True(evaluate.ExitCode == 0, evaluate.Both);
        Assert.True(File.Exists(Path.Combine(work, "metrics.json")));

        var merge = DotnetCli.Run(colonyqc, ["merge-reports", "scores.csv", "--out", "merged.csv"], work, isolated);
        Assert.True(merge.ExitCode == 0, merge.Both);

        var train = DotnetCli.Run(colonyqc, ["train", "--data", samples, "--from", "shipped", "--out", "x.onnx"], work, isolated);
        Assert.Equal(2, train.ExitCode);
        Assert.Contains("dotnet tool install --global colonyqc-train", train.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(work, "x.onnx")));
    }

    [Fact]
    public void Colonyqc_train_hands_over_to_the_training_tool_which_fine_tunes_the_shipped_model()
    {
        var tools = Install("full-tools", "colonyqc", "colonyqc-train");
        var work = Path.Combine(feed.Root, "train-work");
        Directory.CreateDirectory(work);
        var colonyqc = Path.Combine(tools, OperatingSystem.IsWindows() ? "colonyqc.exe" : "colonyqc");
        var path = tools + Path.PathSeparator + Path.GetDirectoryName(Environment.ProcessPath);
        var environment = new Dictionary<string, string> { ["PATH"] = path, ["HOME"] = work, ["USERPROFILE"] = work };
        var samples = Path.Combine(SharedData.RepositoryRoot, "sample-images");

        var train = DotnetCli.Run(
            colonyqc,
            ["train", "--data", samples, "--from", "shipped", "--epochs", "1", "--windows-per-image", "1", "--validation-fraction", "0.34", "--out", "tuned.onnx", "--run-dir", "run", "--threads", "2"],
            work,
            environment);

        Assert.True(train.ExitCode == 0, train.Both);
        var info = DotnetCli.Run(colonyqc, ["info", "tuned.onnx"], work, environment);
        Assert.True(info.ExitCode == 0, info.Both);
        Assert.Contains("Fine-tuned from", info.Output, StringComparison.Ordinal);
    }

    private string Install(string name, params string[] ids)
    {
        var tools = Path.Combine(feed.Root, name);
        foreach (var id in ids)
        {
            var install = DotnetCli.Run("dotnet", ["tool", "install", id, "--tool-path", tools, "--version", PackedFeed.Version, "--add-source", feed.Feed], feed.Root, feed.RestoreEnvironment);
            Assert.True(install.ExitCode == 0, install.Both);
        }

        return tools;
    }
}
