namespace ColonyQc.Cli.Reports;

/// <summary>What a report says about the run that made it (JSON <c>run</c> object, HTML header).</summary>
internal sealed record RunMetadata
{
    /// <summary>ColonyQc version that wrote the report.</summary>
    public required string ToolVersion { get; init; }

    /// <summary>The model file used.</summary>
    public required string ModelPath { get; init; }

    /// <summary>SHA-256 of the model file (lower-case hex).</summary>
    public required string ModelSha256 { get; init; }

    /// <summary>The model's manifest format version.</summary>
    public required int ManifestFormatVersion { get; init; }

    /// <summary>The model's architecture name.</summary>
    public required string ModelArchitecture { get; init; }

    /// <summary>The model's class names in output order.</summary>
    public required IReadOnlyList<string> ClassNames { get; init; }

    /// <summary>Severity of each class (0 healthy, higher worse), in <see cref="ClassNames"/> order, from the model's manifest.</summary>
    public required IReadOnlyList<int> ClassSeverities { get; init; }

    /// <summary>The options of the run, by option name without dashes.</summary>
    public required IReadOnlyDictionary<string, object?> Options { get; init; }

    /// <summary>When scoring started (UTC).</summary>
    public required DateTimeOffset StartedUtc { get; init; }

    /// <summary>When the report was written (UTC).</summary>
    public required DateTimeOffset EndedUtc { get; init; }

    /// <summary>True when the run was stopped (Ctrl+C) before every file was scored.</summary>
    public bool Interrupted { get; init; }

    /// <summary>Which scale was assumed for how many images, or null when every image had a known scale.</summary>
    public string? ScaleNote { get; init; }

    /// <summary>EVOS display/merged files skipped.</summary>
    public int SkippedDisplayFiles { get; init; }

    /// <summary>Rows carried over unchanged from the previous report by <c>--resume</c>.</summary>
    public int ResumedRows { get; init; }

    /// <summary>Shard scored (<c>K/N</c>), or null for the whole list.</summary>
    public string? Shard { get; init; }
}
