namespace ColonyQc.Cli;

/// <summary>The process exit codes of every command (docs/outputs.md lists them for users).</summary>
internal static class ExitCodes
{
    /// <summary>Everything done: every file scored.</summary>
    public const int Success = 0;

    /// <summary>An unexpected failure (a bug or an I/O fault); the message says what.</summary>
    public const int Unexpected = 1;

    /// <summary>A usage error: bad option, no images found, model missing or invalid.</summary>
    public const int Usage = 2;

    /// <summary>Finished, but some files could not be scored; the report lists every file.</summary>
    public const int SomeFilesFailed = 3;

    /// <summary>Stopped by Ctrl+C (or SIGTERM); the report holds what was done (128 + SIGINT, the shell convention).</summary>
    public const int Interrupted = 130;
}
