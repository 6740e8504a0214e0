namespace ColonyQc.Cli.Reports;

/// <summary>
/// The report columns, in order: four leading columns, one probability column <c>p_&lt;class&gt;</c> per class
/// in the model's class order (so the shipped model's reports keep <c>p_good,p_differentiating,p_abnormal</c>),
/// then the trailing columns. Lab tools parse the CSV by this header, so it changes only with a documented
/// format change (docs/outputs.md).
/// </summary>
internal static class ReportColumns
{
    /// <summary>Prefix of a class's probability column.</summary>
    public const string ProbabilityPrefix = "p_";

    /// <summary>Separator between review reasons inside the <c>review_reasons</c> field.</summary>
    public const char ReasonSeparator = ';';

    /// <summary>Columns before the class probabilities.</summary>
    public static readonly IReadOnlyList<string> Leading = ["file", "status", "label", "confidence"];

    /// <summary>Columns after the class probabilities.</summary>
    public static readonly IReadOnlyList<string> Trailing =
        ["review", "review_reasons", "plate", "well", "field", "width", "height", "bit_depth", "um_per_px", "sha256", "error"];

    /// <summary>The probability column of <paramref name="className"/>.</summary>
    public static string Probability(string className) => ProbabilityPrefix + className;

    /// <summary>Column names in CSV order for a model with <paramref name="classNames"/>; JSON rows use the same names.</summary>
    public static IReadOnlyList<string> Names(IReadOnlyList<string> classNames) =>
        [.. Leading, .. classNames.Select(Probability), .. Trailing];

    /// <summary>The CSV header line.</summary>
    public static string Header(IReadOnlyList<string> classNames) => string.Join(',', Names(classNames));

    /// <summary>The class names a report header stands for, or null when <paramref name="header"/> is not a ColonyQc report header.</summary>
    public static IReadOnlyList<string>? ClassNamesOf(IReadOnlyList<string> header)
    {
        var classes = header.Count - Leading.Count - Trailing.Count;
        if (classes < 1 || !header.Take(Leading.Count).SequenceEqual(Leading) || !header.Skip(Leading.Count + classes).SequenceEqual(Trailing))
        {
            return null;
        }

        var names = header.Skip(Leading.Count).Take(classes).ToList();
        return names.All(n => n.Length > ProbabilityPrefix.Length && n.StartsWith(ProbabilityPrefix, StringComparison.Ordinal))
            ? [.. names.Select(n => n[ProbabilityPrefix.Length..])]
            : null;
    }
}
