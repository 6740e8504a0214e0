using System.Globalization;
using ColonyQc.Cli.Reports;

namespace ColonyQc.Cli.Progress;

/// <summary>The table printed at the end of a run.</summary>
internal static class SummaryTable
{
    /// <summary>Writes <paramref name="summary"/> as an aligned two-column table.</summary>
    public static void Write(TextWriter output, RunSummary summary)
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<(string Name, string Value)>();
        foreach (var (name, count) in summary.PerClass)
        {
            lines.Add((name, count.ToString(c)));
        }

        lines.Add(("review", summary.Review.ToString(c)));
        lines.Add(("errors", summary.Errors.ToString(c)));
        lines.Add(("skipped (EVOS D/M)", summary.SkippedDisplayFiles.ToString(c)));
        if (summary.ResumedRows > 0)
        {
            lines.Add(("kept from previous report", summary.ResumedRows.ToString(c)));
        }

        lines.Add(("images in report", summary.Rows.ToString(c)));
        lines.Add(("images/s", summary.ImagesPerSecond.ToString("0.0", c)));
        lines.Add(("elapsed", ScoringProgress.FormatDuration(summary.Elapsed) + " (" + summary.Elapsed.TotalSeconds.ToString("0.0", c) + " s)"));

        var nameWidth = lines.Max(l => l.Name.Length);
        var valueWidth = lines.Max(l => l.Value.Length);
        var rule = new string('-', nameWidth + valueWidth + 3);
        output.WriteLine(rule);
        foreach (var (name, value) in lines)
        {
            output.WriteLine($"{name.PadRight(nameWidth)}   {value.PadLeft(valueWidth)}");
        }

        output.WriteLine(rule);
    }
}
