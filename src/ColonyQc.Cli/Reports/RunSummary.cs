namespace ColonyQc.Cli.Reports;

/// <summary>The closing figures of a run: what the summary table and the report headers show.</summary>
/// <param name="Rows">Rows in the report (scored now, carried over by resume, and errors).</param>
/// <param name="PerClass">Scored images per class, in the model's class order.</param>
/// <param name="Review">Scored images flagged for review.</param>
/// <param name="Errors">Files that could not be scored.</param>
/// <param name="SkippedDisplayFiles">EVOS display/merged files skipped.</param>
/// <param name="ResumedRows">Rows carried over from the previous report.</param>
/// <param name="ProcessedThisRun">Files handed to the classifier in this run.</param>
/// <param name="Elapsed">Wall time of the scoring part of this run.</param>
internal sealed record RunSummary(
    int Rows,
    IReadOnlyList<KeyValuePair<string, int>> PerClass,
    int Review,
    int Errors,
    int SkippedDisplayFiles,
    int ResumedRows,
    int ProcessedThisRun,
    TimeSpan Elapsed)
{
    /// <summary>Files processed per second of wall time in this run.</summary>
    public double ImagesPerSecond => Elapsed.TotalSeconds > 0 ? ProcessedThisRun / Elapsed.TotalSeconds : 0;

    /// <summary>Counts the rows of a report.</summary>
    public static RunSummary From(IReadOnlyList<ReportRow> rows, IReadOnlyList<string> classNames, int skippedDisplayFiles, int resumedRows, int processedThisRun, TimeSpan elapsed)
    {
        var perClass = classNames
            .Select(c => new KeyValuePair<string, int>(c, rows.Count(r => r.IsOk && r.Label == c)))
            .ToList();
        var others = rows.Count(r => r.IsOk && (r.Label is null || !classNames.Contains(r.Label)));
        if (others > 0)
        {
            perClass.Add(new KeyValuePair<string, int>("(other)", others));
        }

        return new RunSummary(
            rows.Count,
            perClass,
            rows.Count(r => r.IsOk && r.Review == true),
            rows.Count(r => !r.IsOk),
            skippedDisplayFiles,
            resumedRows,
            processedThisRun,
            elapsed);
    }
}
