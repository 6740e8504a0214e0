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
/// <param name="ReviewSample">The first files sent to review (in report order, at most <see cref="ReviewSampleSize"/>), with their reasons.</param>
internal sealed record RunSummary(
    int Rows,
    IReadOnlyList<KeyValuePair<string, int>> PerClass,
    int Review,
    int Errors,
    int SkippedDisplayFiles,
    int ResumedRows,
    int ProcessedThisRun,
    TimeSpan Elapsed,
    IReadOnlyList<(string File, IReadOnlyList<string> Reasons)> ReviewSample)
{
    /// <summary>How many files sent to review the console names.</summary>
    public const int ReviewSampleSize = 10;

    /// <summary>Files processed per second of wall time in this run.</summary>
    public double ImagesPerSecond => Elapsed.TotalSeconds > 0 ? ProcessedThisRun / Elapsed.TotalSeconds : 0;

    /// <summary>Counts the rows of a report, in one pass (the rows may be streamed from disk).</summary>
    public static RunSummary From(IEnumerable<ReportRow> rows, IReadOnlyList<string> classNames, int skippedDisplayFiles, int resumedRows, int processedThisRun, TimeSpan elapsed)
    {
        var perLabel = new int[classNames.Count];
        int total = 0, others = 0, review = 0, errors = 0;
        var sample = new List<(string File, IReadOnlyList<string> Reasons)>();
        foreach (var r in rows)
        {
            total++;
            if (!r.IsOk)
            {
                errors++;
                continue;
            }

            if (r.Review == true)
            {
                review++;
                if (sample.Count < ReviewSampleSize)
                {
                    sample.Add((r.File, r.ReviewReasons));
                }
            }

            var c = r.Label is null ? -1 : IndexOf(classNames, r.Label);
            if (c < 0)
            {
                others++;
            }
            else
            {
                perLabel[c]++;
            }
        }

        var perClass = classNames.Select((c, i) => new KeyValuePair<string, int>(c, perLabel[i])).ToList();
        if (others > 0)
        {
            perClass.Add(new KeyValuePair<string, int>("(other)", others));
        }

        return new RunSummary(total, perClass, review, errors, skippedDisplayFiles, resumedRows, processedThisRun, elapsed, sample);
    }

    private static int IndexOf(IReadOnlyList<string> names, string label)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == label)
            {
                return i;
            }
        }

        return -1;
    }
}
