namespace ColonyQc.Cli.Reports;

/// <summary>The report formats, chosen by the output file's extension.</summary>
internal enum ReportFormat
{
    /// <summary>Comma-separated values with the fixed header.</summary>
    Csv,

    /// <summary>The same rows plus run metadata.</summary>
    Json,

    /// <summary>One self-contained page with thumbnails and heatmaps.</summary>
    Html,
}

/// <summary>Maps output paths to <see cref="ReportFormat"/>.</summary>
internal static class ReportFormats
{
    /// <summary>The extensions accepted for <c>--out</c>, for error messages.</summary>
    public const string Accepted = ".csv, .json or .html";

    /// <summary>The format for <paramref name="path"/>'s extension, or null for any other extension.</summary>
    public static ReportFormat? FromPath(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" => ReportFormat.Csv,
        ".json" => ReportFormat.Json,
        ".html" or ".htm" => ReportFormat.Html,
        _ => null,
    };
}
