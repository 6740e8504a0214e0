using ColonyQc.Cli.Reports;

namespace ColonyQc.Cli.Progress;

/// <summary>
/// Names the files a run sent to review, so a person knows what to look at without opening the report:
/// the first few with their reasons, then how many more and where they are.
/// </summary>
internal static class ReviewList
{
    public static void Write(TextWriter output, RunSummary summary, string reportName)
    {
        if (summary.Review == 0)
        {
            return;
        }

        output.WriteLine($"To review ({summary.Review}):");
        foreach (var (file, reasons) in summary.ReviewSample)
        {
            output.WriteLine($"  {file}  ({string.Join(", ", reasons)})");
        }

        var more = summary.Review - summary.ReviewSample.Count;
        if (more > 0)
        {
            output.WriteLine($"  ... and {Wording.Plural(more, "more file", "more files")}: the rows with review=true in {reportName}");
        }
    }
}
