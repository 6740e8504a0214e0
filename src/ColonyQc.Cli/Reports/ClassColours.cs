namespace ColonyQc.Cli.Reports;

/// <summary>One colour per class, the same in badges, bars and heatmaps of the HTML report.</summary>
internal static class ClassColours
{
    /// <summary>The colour (CSS hex) for <paramref name="className"/>; unknown classes get a neutral blue.</summary>
    public static string For(string? className) => className?.ToLowerInvariant() switch
    {
        "good" => "#2e9d4f",
        "differentiating" => "#e0a21b",
        "abnormal" => "#d23a2f",
        _ => "#4a78c2",
    };
}
