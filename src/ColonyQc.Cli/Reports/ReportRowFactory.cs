using ColonyQc.Inference.Naming;
using ColonyQc.Inference.Scoring;

namespace ColonyQc.Cli.Reports;

/// <summary>Turns a library result into a report row (class probabilities by name, EVOS plate/well/field).</summary>
internal static class ReportRowFactory
{
    /// <summary>The row for <paramref name="score"/>; <paramref name="file"/> is the path as the report shows it.</summary>
    public static ReportRow FromScore(string file, ImageScore score, IReadOnlyList<string> classNames)
    {
        var evos = EvosName(file);
        var facts = score.Facts;
        if (!score.Ok)
        {
            return new ReportRow
            {
                File = file,
                Status = ReportRow.StatusError,
                Plate = evos?.Plate,
                Well = evos?.Well,
                Field = evos?.Field,
                Width = facts?.Width,
                Height = facts?.Height,
                BitDepth = facts?.BitDepth,
                UmPerPixel = facts?.UmPerPixel,
                Sha256 = score.Sha256,
                Error = OneLine(score.Error!),
            };
        }

        return new ReportRow
        {
            File = file,
            Status = ReportRow.StatusOk,
            Label = score.Label,
            Confidence = score.Confidence,
            PGood = Probability(score, classNames, "good"),
            PDifferentiating = Probability(score, classNames, "differentiating"),
            PAbnormal = Probability(score, classNames, "abnormal"),
            Review = score.Review,
            ReviewReasons = score.ReviewReasons,
            Plate = evos?.Plate,
            Well = evos?.Well,
            Field = evos?.Field,
            Width = facts?.Width,
            Height = facts?.Height,
            BitDepth = facts?.BitDepth,
            UmPerPixel = facts?.UmPerPixel,
            Sha256 = score.Sha256,
            Windows = score.Windows,
        };
    }

    /// <summary>An error row for a file the run could not even hand to the classifier.</summary>
    public static ReportRow FromFailure(string file, string error)
    {
        var evos = EvosName(file);
        return new ReportRow
        {
            File = file,
            Status = ReportRow.StatusError,
            Plate = evos?.Plate,
            Well = evos?.Well,
            Field = evos?.Field,
            Error = OneLine(error),
        };
    }

    // Plate, well and field stay empty for files without an EVOS plate-scan name.
    private static EvosFileName? EvosName(string file) => EvosFileName.TryParse(file, out var name) ? name : null;

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
