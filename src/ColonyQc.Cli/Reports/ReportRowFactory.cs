using ColonyQc.Inference.Naming;
using ColonyQc.Inference.Scoring;

namespace ColonyQc.Cli.Reports;

/// <summary>Turns a library result into a report row (class probabilities by name, EVOS plate/well/field).</summary>
internal static class ReportRowFactory
{
    /// <summary>The row for <paramref name="score"/>; <paramref name="file"/> is the path as the report shows it.</summary>
    public static ReportRow FromScore(string file, ImageScore score, IReadOnlyList<string> classNames)
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
            PGood = Probability(score, classNames, "good"),
            PDifferentiating = Probability(score, classNames, "differentiating"),
            PAbnormal = Probability(score, classNames, "abnormal"),
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

    private static double? Probability(ImageScore score, IReadOnlyList<string> classNames, string className)
    {
        for (var i = 0; i < classNames.Count && i < score.Probabilities.Count; i++)
        {
            if (string.Equals(classNames[i], className, StringComparison.OrdinalIgnoreCase))
            {
                return score.Probabilities[i];
            }
        }

        return null;
    }

    // A report row is one line in every format; exception messages sometimes carry line breaks.
    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
