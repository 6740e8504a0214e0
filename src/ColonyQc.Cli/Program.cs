namespace ColonyQc.Cli;

/// <summary>Entry point of the <c>colonyqc</c> command.</summary>
public static class Program
{
    /// <summary>Parses the command line and runs the chosen command; returns the exit code.</summary>
    public static Task<int> Main(string[] args) => CliApp.RunAsync(args);
}
