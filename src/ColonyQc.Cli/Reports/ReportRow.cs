using ColonyQc.Inference.Scoring;

namespace ColonyQc.Cli.Reports;

/// <summary>
/// One line of a score report: the same fields in CSV, JSON and HTML (see docs/outputs.md). Optional
/// values are null for error rows or when the file name carries no plate/well/field.
/// </summary>
internal sealed record ReportRow
{
    /// <summary>Value of <see cref="Status"/> for a scored image.</summary>
    public const string StatusOk = "ok";

    /// <summary>Value of <see cref="Status"/> for an image that could not be scored.</summary>
    public const string StatusError = "error";

    public required string File { get; init; }

    public required string Status { get; init; }

    public string? Label { get; init; }

    public double? Confidence { get; init; }

    /// <summary>Calibrated image probabilities in the model's class order (the report's <c>p_&lt;class&gt;</c> columns); null for error rows.</summary>
    public IReadOnlyList<double>? Probabilities { get; init; }

    public bool? Review { get; init; }

    public IReadOnlyList<string> ReviewReasons { get; init; } = [];

    public string? Plate { get; init; }

    public string? Well { get; init; }

    public int? Field { get; init; }

    public int? Width { get; init; }

    public int? Height { get; init; }

    public int? BitDepth { get; init; }

    public double? UmPerPixel { get; init; }

    public string? Sha256 { get; init; }

    public string? Error { get; init; }

    /// <summary>Per-window probabilities for the HTML heatmap; not a CSV column.</summary>
    public WindowGrid? Windows { get; init; }

    /// <summary>True when the row is a scored image.</summary>
    public bool IsOk => Status == StatusOk;
}
