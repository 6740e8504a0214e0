using ColonyQc.Inference.Naming;
using ColonyQc.Inference.Scoring;

namespace ColonyQc.Cli.Reports;

/// <summary>Turns a library result into a report row (class probabilities in the model's order, EVOS plate/well/field).</summary>
internal static class ReportRowFactory
{
    /// <summary>The row for <paramref name="score"/>; <paramref name="file"/> is the path as the report shows it.</summary>
    public static ReportRow FromScore(string file, ImageScore score)
    {
        // An error row keeps whatever the image told before it failed (size, depth, scale, hash).
        var facts = score.Facts;
        var row = Located(file, score.Ok ? ReportRow.StatusOk : ReportRow.StatusError) with
        {
            Width = facts?.Width,
            Height = facts?.Height,
            BitDepth = facts?.BitDepth,
            UmPerPixel = facts?.UmPerPixel,
            Sha256 = score.Sha256,
        };
        if (!score.Ok)
        {
            return row with { Error = OneLine(score.Error!) };
        }

        return row with
        {
            Label = score.Label,
            Confidence = score.Confidence,
            Probabilities = [.. score.Probabilities.Select(p => (double)p)],
            Review = score.Review,
            ReviewReasons = score.ReviewReasons,
            Windows = score.Windows,
        };
    }

    /// <summary>An error row for a file the run could not even hand to the classifier.</summary>
    public static ReportRow FromFailure(string file, string error) =>
        Located(file, ReportRow.StatusError) with { Error = OneLine(error) };

    // The columns every row has: the file, its status and, from an EVOS plate-scan name, plate, well
    // and field (empty for files without one).
    private static ReportRow Located(string file, string status)
    {
        var evos = EvosFileName.TryParse(file, out var name) ? name : null;
        return new ReportRow
        {
            File = file,
            Status = status,
            Plate = evos?.Plate,
            Well = evos?.Well,
            Field = evos?.Field,
        };
    }

    // A report row is one line in every format; exception messages sometimes carry line breaks.
    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
