namespace ColonyQc.Training.Augmentation;

/// <summary>
/// Random changes applied to every training window at the canonical scale. Immutable;
/// <see cref="Default"/> is what the shipped model was trained with, <see cref="None"/> turns all off.
/// </summary>
public sealed record AugmentationOptions
{
    /// <summary>The training defaults.</summary>
    public static AugmentationOptions Default { get; } = new();

    /// <summary>No augmentation: the window is copied as it is.</summary>
    public static AugmentationOptions None { get; } = new()
    {
        Flips = false,
        Rotations = false,
        ScaleJitter = 0,
        Brightness = 0,
        Contrast = 0,
        Gamma = 0,
        BlurProbability = 0,
        NoiseProbability = 0,
        LocalContrastProbability = 0,
    };

    /// <summary>Random horizontal and vertical flips.</summary>
    public bool Flips { get; init; } = true;

    /// <summary>Random rotations by 0, 90, 180 or 270 degrees.</summary>
    public bool Rotations { get; init; } = true;

    /// <summary>
    /// Largest relative change of scale (0.25: the window covers 75% to 125% of its nominal side). Scale is a
    /// feature at canonical um/px (differentiating cells are larger), but a lab's scale metadata is often off
    /// by that much, and cell size varies between lines.
    /// </summary>
    public double ScaleJitter { get; init; } = 0.25;

    /// <summary>Largest brightness offset on [0,1] grey.</summary>
    public double Brightness { get; init; } = 0.08;

    /// <summary>Largest relative contrast change around the window mean (0.25: x0.8 to x1.25).</summary>
    public double Contrast { get; init; } = 0.25;

    /// <summary>Largest relative gamma change (0.25: gamma 0.8 to 1.25).</summary>
    public double Gamma { get; init; } = 0.25;

    /// <summary>Chance of a Gaussian blur (slight defocus).</summary>
    public double BlurProbability { get; init; } = 0.25;

    /// <summary>Largest blur sigma in canonical pixels.</summary>
    public double MaxBlurSigma { get; init; } = 1.0;

    /// <summary>
    /// Chance of a local-contrast change: the window's detail (its difference from a blurred copy) is scaled,
    /// up (sharpening, stronger halos and cell borders) or down (softer, flatter texture), as microscopes,
    /// cameras and their processing differ.
    /// </summary>
    public double LocalContrastProbability { get; init; } = 0.5;

    /// <summary>Largest relative change of local detail (0.6: detail x0.4 to x1.6).</summary>
    public double MaxLocalContrast { get; init; } = 0.6;

    /// <summary>Chance of added Gaussian noise.</summary>
    public double NoiseProbability { get; init; } = 0.5;

    /// <summary>Largest noise standard deviation on [0,1] grey.</summary>
    public double MaxNoiseSigma { get; init; } = 0.02;
}
