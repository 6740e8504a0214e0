using System.Globalization;
using ColonyQc.Inference.Scoring;

namespace ColonyQc.Inference.Preprocessing;

/// <summary>
/// Decides the source scale (micrometres per pixel) of an image: an explicit option wins, then the
/// objective magnification, then the file's resolution tags, then the assumed default (which sends
/// the image to review, so nobody trusts a guessed scale silently).
/// </summary>
public static class ScaleResolver
{
    /// <summary>The EVOS camera pixel pitch in micrometres (DESIGN.md): 4x gives 3.45 / 4 = 0.8625 um/px.</summary>
    public const double CameraPixelUm = 3.45;

    /// <summary>
    /// File resolution tags outside this range are not believed: software that writes no real
    /// calibration often leaves 72 or 96 dpi (352.8 or 264.6 um/px), which no microscope produces.
    /// </summary>
    public const double MinPlausibleFileUmPerPixel = 0.01;

    /// <summary>Upper end of the plausible file-tag range (a 1x objective on a 50 um pixel sensor).</summary>
    public const double MaxPlausibleFileUmPerPixel = 50.0;

    /// <summary>
    /// Picks the source scale: <paramref name="optionUmPerPixel"/> &gt; <paramref name="objective"/> &gt;
    /// <paramref name="fileUmPerPixel"/> (when plausible) &gt; <paramref name="assumedUmPerPixel"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option or the assumed default is not a positive finite number.</exception>
    /// <exception cref="ArgumentException">The objective is not a magnification such as "10x".</exception>
    public static (double UmPerPixel, ScaleSource Source) Resolve(double? optionUmPerPixel, string? objective, double? fileUmPerPixel, double assumedUmPerPixel)
    {
        if (optionUmPerPixel is { } option)
        {
            RequirePositive(option, nameof(optionUmPerPixel));
            return (option, ScaleSource.Option);
        }

        if (!string.IsNullOrWhiteSpace(objective))
        {
            return (ObjectiveUmPerPixel(objective), ScaleSource.Objective);
        }

        if (fileUmPerPixel is { } file && double.IsFinite(file) && file >= MinPlausibleFileUmPerPixel && file <= MaxPlausibleFileUmPerPixel)
        {
            return (file, ScaleSource.FileTags);
        }

        RequirePositive(assumedUmPerPixel, nameof(assumedUmPerPixel));
        return (assumedUmPerPixel, ScaleSource.Assumed);
    }

    /// <summary>
    /// Micrometres per pixel behind an objective, from the EVOS camera pixel: "4x" gives 0.8625,
    /// "10x" 0.345, "20x" 0.1725, "40x" 0.08625. Accepts "10x", "10X", "10" and decimals ("2.5x").
    /// </summary>
    /// <exception cref="ArgumentException">The text is not a positive magnification.</exception>
    public static double ObjectiveUmPerPixel(string objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        var text = objective.Trim();
        if (text.EndsWith('x') || text.EndsWith('X'))
        {
            text = text[..^1];
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var magnification) || !double.IsFinite(magnification) || magnification <= 0)
        {
            throw new ArgumentException($"objective '{objective}' is not a magnification such as 4x, 10x, 20x or 40x", nameof(objective));
        }

        return CameraPixelUm / magnification;
    }

    private static void RequirePositive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, "a scale in micrometres per pixel must be a positive finite number");
        }
    }
}
