using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;

namespace ColonyQc.Cli.Training;

/// <summary>
/// Training needs libtorch (about 460 MB on Linux), which the scoring tool <c>colonyqc</c> leaves out. This
/// decides where <c>colonyqc train</c> runs: here when libtorch is beside the running program (the training
/// tool <c>colonyqc-train</c>, a repository build of the tests), else in <c>colonyqc-train</c> when it is on
/// the PATH (the arguments are handed over unchanged, standard streams and exit code shared), else nowhere,
/// with the one install command that fixes it.
/// </summary>
internal static class TrainingComponent
{
    /// <summary>The training tool's package id and command name.</summary>
    public const string ToolName = "colonyqc-train";

    /// <summary>The install step the README documents.</summary>
    public const string InstallCommand = "dotnet tool install --global " + ToolName;

    private static readonly string[] NativeNames = ["libtorch.so", "torch.dll", "libtorch.dylib"];

    /// <summary>True when libtorch sits beside the running program (flat RID-specific output, or a portable build's runtimes folder).</summary>
    public static bool IsPresentHere()
    {
        var baseDirectory = AppContext.BaseDirectory;
        if (NativeNames.Any(name => File.Exists(Path.Combine(baseDirectory, name))))
        {
            return true;
        }

        var runtimes = Path.Combine(baseDirectory, "runtimes", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, "native");
        return NativeNames.Any(name => File.Exists(Path.Combine(runtimes, name)));
    }

    /// <summary>The training tool on the PATH (or in the global tools folder), or null.</summary>
    public static string? FindTool()
    {
        var file = OperatingSystem.IsWindows() ? ToolName + ".exe" : ToolName;
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).ToList();
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length > 0)
        {
            folders.Add(Path.Combine(home, ".dotnet", "tools"));
        }

        return folders.Select(folder => Path.Combine(folder, file)).FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// Runs <c>colonyqc-train</c> with the arguments of this <c>colonyqc train</c> invocation, or explains
    /// how to install it (exit code 2, nothing was trained).
    /// </summary>
    public static async Task<int> HandOverAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var error = result.InvocationConfiguration.Error;
        var tool = FindTool();
        if (tool is null)
        {
            await error.WriteLineAsync(
                "colonyqc train: training is a separate tool, because it needs libtorch (about 460 MB) that scoring does not. "
                + $"Install it once with\n  {InstallCommand}\nand run this command again (or run {ToolName} with the same options).").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var start = new ProcessStartInfo(tool) { UseShellExecute = false };
        foreach (var argument in ArgumentsAfterVerb(result))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {tool}");

        // Ctrl+C reaches the child too (same console); wait for it to stop and keep its exit code (130 when interrupted).
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return process.ExitCode;
    }

    /// <summary>The tokens after the <c>train</c> verb, as the user typed them (response files already expanded).</summary>
    internal static IEnumerable<string> ArgumentsAfterVerb(ParseResult result) =>
        result.Tokens.SkipWhile(token => token.Type != TokenType.Command).Skip(1).Select(token => token.Value);
}
