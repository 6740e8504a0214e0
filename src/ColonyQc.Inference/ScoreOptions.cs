using ColonyQc.Inference.Preprocessing;

namespace ColonyQc.Inference;

/// <summary>Per-call scoring options: where the scale comes from and what to compute besides the score.</summary>
public sealed record ScoreOptions
{
    /// <summary>The defaults: scale from the file, else 4x (0.8625 um/px) assumed; no hash.</summary>
    public static ScoreOptions Default { get; } = new();

    /// <summary>Source scale in micrometres per pixel; wins over everything else when set.</summary>
    public double? UmPerPixel { get; init; }

    /// <summary>Objective magnification ("4x", "10x", "20x", "40x"), converted with the EVOS camera pixel (3.45 um).</summary>
    public string? Objective { get; init; }

    /// <summary>The scale assumed when neither option nor file says (4x on the EVOS camera); such images go to review.</summary>
    public double AssumedUmPerPixel { get; init; } = ScaleResolver.CameraPixelUm / 4;

    /// <summary>Compute the SHA-256 of the file bytes (for resume and provenance).</summary>
    public bool ComputeSha256 { get; init; }

    /// <summary>Checks the values (so a bad option fails once, not as an error row per image) and returns the options.</summary>
    /// <exception cref="ArgumentException">A scale is not positive or the objective is not a magnification.</exception>
    public ScoreOptions Validate()
    {
        if (UmPerPixel is { } um)
        {
            ScaleResolver.Resolve(um, null, null, AssumedUmPerPixel);
        }

        if (!string.IsNullOrWhiteSpace(Objective))
        {
            ScaleResolver.ObjectiveUmPerPixel(Objective);
        }

        ScaleResolver.Resolve(null, null, null, AssumedUmPerPixel);
        return this;
    }
}
