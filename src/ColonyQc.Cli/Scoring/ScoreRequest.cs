using ColonyQc.Cli.Progress;
using ColonyQc.Cli.Reports;

namespace ColonyQc.Cli.Scoring;

/// <summary>The parsed options of <c>colonyqc score</c>.</summary>
internal sealed record ScoreRequest
{
    /// <summary>Default report when no <c>--out</c> is given, in the current folder.</summary>
    public const string DefaultReport = "colonyqc-report.csv";

    /// <summary>Files and folders to score.</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>The model file, or null for the shipped model.</summary>
    public string? ModelPath { get; init; }

    /// <summary>The report path; its extension picks the format. <c>-</c> is standard output.</summary>
    public string OutPath { get; init; } = DefaultReport;

    /// <summary>The report format asked for with <c>--format</c>, or null to take it from <see cref="OutPath"/>'s extension.</summary>
    public ReportFormat? Format { get; init; }

    /// <summary>True when the report goes to standard output (<c>--out -</c>).</summary>
    public bool OutIsStandardOutput => OutPath == "-";

    /// <summary>The format to write: <see cref="Format"/>, else from the extension, else CSV for standard output; null when none applies.</summary>
    public ReportFormat? ReportFormat => Format ?? ReportFormats.FromPath(OutPath) ?? (OutIsStandardOutput ? Reports.ReportFormat.Csv : null);

    /// <summary>How much the run tells on the console.</summary>
    public Verbosity Verbosity { get; init; } = Verbosity.Normal;

    /// <summary>True when <see cref="OutPath"/> was not given.</summary>
    public bool OutIsDefault { get; init; }

    /// <summary>Search sub-folders too.</summary>
    public bool Recursive { get; init; }

    /// <summary>Classifier batch size.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Inference threads.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Source scale for every image, or null.</summary>
    public double? UmPerPixel { get; init; }

    /// <summary>Objective magnification (e.g. 10x), or null.</summary>
    public string? Objective { get; init; }

    /// <summary>The part of the file list to score, or null for all.</summary>
    public ShardSpec? Shard { get; init; }

    /// <summary>Keep unchanged rows of an existing report.</summary>
    public bool Resume { get; init; }

    /// <summary>Also score EVOS display and merged renderings.</summary>
    public bool IncludeDisplay { get; init; }

    /// <summary>How often a CSV or JSON report is rewritten during a run, so a killed job leaves its work for <c>--resume</c>.</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(30);
}
