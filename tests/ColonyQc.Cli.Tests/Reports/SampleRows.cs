using ColonyQc.Cli.Reports;
using ColonyQc.Inference.Scoring;
using Xunit;

namespace ColonyQc.Cli.Tests.Reports;

/// <summary>Report rows covering every kind of field value, for format tests.</summary>
internal static class SampleRows
{
    public static readonly string[] ClassNames = ["good", "differentiating", "abnormal"];

    /// <summary>The class set of the sample rows, as reports take it.</summary>
    public static IReadOnlyList<string> Classes => ClassNames;

    /// <summary>The shipped model's severities for <see cref="ClassNames"/>.</summary>
    public static readonly int[] Severities = [0, 1, 2];

    public static ReportRow Scored(string file, string label = "good", bool review = false) => new()
    {
        File = file,
        Status = ReportRow.StatusOk,
        Label = label,
        Confidence = 0.912345,
        Probabilities = [label == "good" ? 0.912345 : 0.05, label == "differentiating" ? 0.912345 : 0.037655, label == "abnormal" ? 0.912345 : 0.05],
        Review = review,
        ReviewReasons = review ? [ReviewReason.LowConfidence, ReviewReason.ScaleAssumed] : [],
        Plate = "scan",
        Well = "B03",
        Field = 1,
        Width = 2048,
        Height = 1536,
        BitDepth = 16,
        UmPerPixel = 0.8625,
        Sha256 = new string('a', 64),
        Windows = new WindowGrid(2, 1, 4, 4, 8, 4, [0.9f, 0.05f, 0.05f, 0.1f, 0.2f, 0.7f], [true, true]),
    };

    public static ReportRow Failed(string file, string error) => new()
    {
        File = file,
        Status = ReportRow.StatusError,
        Error = error,
    };

    /// <summary>Every column of two rows equal (windows are not a CSV column).</summary>
    public static void AssertSameColumns(ReportRow expected, ReportRow actual)
    {
        Assert.Equal(expected.File, actual.File);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.Label, actual.Label);
        AssertClose(expected.Confidence, actual.Confidence);
        Assert.Equal(expected.Probabilities is null, actual.Probabilities is null);
        if (expected.Probabilities is { } p)
        {
            Assert.Equal(p.Count, actual.Probabilities!.Count);
            for (var i = 0; i < p.Count; i++)
            {
                AssertClose(p[i], actual.Probabilities[i]);
            }
        }
        Assert.Equal(expected.Review, actual.Review);
        Assert.Equal(expected.ReviewReasons, actual.ReviewReasons);
        Assert.Equal(expected.Plate, actual.Plate);
        Assert.Equal(expected.Well, actual.Well);
        Assert.Equal(expected.Field, actual.Field);
        Assert.Equal(expected.Width, actual.Width);
        Assert.Equal(expected.Height, actual.Height);
        Assert.Equal(expected.BitDepth, actual.BitDepth);
        AssertClose(expected.UmPerPixel, actual.UmPerPixel);
        Assert.Equal(expected.Sha256, actual.Sha256);
        Assert.Equal(expected.Error, actual.Error);
    }

    private static void AssertClose(double? expected, double? actual)
    {
        Assert.Equal(expected.HasValue, actual.HasValue);
        if (expected is { } e)
        {
            Assert.Equal(e, actual!.Value, 1e-6);
        }
    }
}
