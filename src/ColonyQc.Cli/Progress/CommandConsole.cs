namespace ColonyQc.Cli.Progress;

/// <summary>
/// Where a command's text goes, by kind: progress and notes to standard error (so standard output stays
/// clean for results and pipes), results (the summary table, where the report is) to standard output, or to
/// standard error when standard output carries the report itself (<c>--out -</c>); <see cref="Verbosity"/>
/// silences or adds what it says.
/// </summary>
internal sealed class CommandConsole
{
    public CommandConsole(TextWriter output, TextWriter error, Verbosity verbosity, bool outputCarriesData = false)
    {
        Verbosity = verbosity;
        Data = output;
        Error = error;
        Log = verbosity == Verbosity.Quiet ? TextWriter.Null : error;
        Detail = verbosity == Verbosity.Verbose ? error : TextWriter.Null;
        Result = verbosity == Verbosity.Quiet ? TextWriter.Null : outputCarriesData ? error : output;
    }

    public Verbosity Verbosity { get; }

    /// <summary>Standard output, for data (a report written to <c>-</c>).</summary>
    public TextWriter Data { get; }

    /// <summary>Errors: always shown.</summary>
    public TextWriter Error { get; }

    /// <summary>Progress and notes (standard error; silent with <c>--quiet</c>).</summary>
    public TextWriter Log { get; }

    /// <summary>Details for <c>--verbose</c> (standard error; otherwise silent).</summary>
    public TextWriter Detail { get; }

    /// <summary>The command's result for a person: summary and where the report is.</summary>
    public TextWriter Result { get; }

    /// <summary>True when progress may redraw one line in place: the log is the real, unredirected console error stream.</summary>
    public bool LogIsTerminal => ReferenceEquals(Log, Console.Error) && !Console.IsErrorRedirected;
}
