namespace ColonyQc.Cli.Reports;

/// <summary>
/// The report columns, in order. Lab tools parse the CSV by this exact header, so it changes only
/// with a documented format change (docs/outputs.md).
/// </summary>
internal static class ReportColumns
{
    /// <summary>Column names in CSV order; JSON rows use the same names.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "file", "status", "label", "confidence", "p_good", "p_differentiating", "p_abnormal", "review",
        "review_reasons", "plate", "well", "field", "width", "height", "bit_depth", "um_per_px", "sha256", "error",
    ];

    /// <summary>The CSV header line.</summary>
    public static string Header { get; } = string.Join(',', Names);

    /// <summary>Separator between review reasons inside the <c>review_reasons</c> field.</summary>
    public const char ReasonSeparator = ';';
}
