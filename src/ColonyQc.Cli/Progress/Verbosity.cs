using System.CommandLine;

namespace ColonyQc.Cli.Progress;

/// <summary>How much a command tells on the console. Errors are always printed (to standard error).</summary>
internal enum Verbosity
{
    /// <summary>Only errors (and, with <c>--out -</c>, the report itself on standard output).</summary>
    Quiet,

    /// <summary>Progress and notes on standard error, the summary on standard output.</summary>
    Normal,

    /// <summary>Also what was chosen and how long each part took, and every failed file as it fails.</summary>
    Verbose,
}

/// <summary>The <c>--quiet</c> and <c>--verbose</c> options, shared by every command (recursive on the root).</summary>
internal static class VerbosityOptions
{
    public static Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "Print only errors (with --out -, the report still goes to standard output).",
        Recursive = true,
    };

    public static Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Also print what was chosen, how long each part took and every failed file as it fails.",
        Recursive = true,
    };

    /// <summary>The verbosity asked for; <c>--quiet</c> wins over <c>--verbose</c>.</summary>
    public static Verbosity Of(ParseResult result) =>
        result.GetValue(Quiet) ? Verbosity.Quiet : result.GetValue(Verbose) ? Verbosity.Verbose : Verbosity.Normal;
}
