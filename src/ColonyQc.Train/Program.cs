using ColonyQc.Cli;

namespace ColonyQc.Train;

/// <summary>
/// Entry point of <c>colonyqc-train</c>: <c>colonyqc train</c> with libtorch present, so its arguments are
/// those of <c>colonyqc train</c> (the scoring tool forwards them unchanged).
/// </summary>
public static class Program
{
    /// <summary>Runs <c>colonyqc train</c> with <paramref name="args"/>; returns the exit code.</summary>
    public static Task<int> Main(string[] args) => CliApp.RunAsync(["train", .. args]);
}
