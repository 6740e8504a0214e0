namespace ColonyQc.Inference.Scoring;

/// <summary>
/// The result for one image: either a label with calibrated probabilities, or an error naming the
/// file and the defect. One failed image never stops the others.
/// </summary>
public sealed record ImageScore
{
    /// <summary>The path, stream name or buffer name the caller gave.</summary>
    public required string Source { get; init; }

    /// <summary>True when scored; false when <see cref="Error"/> says why not.</summary>
    public bool Ok => Error is null;

    /// <summary>The defect when the image could not be scored (message names the file), else null.</summary>
    public string? Error { get; init; }

    /// <summary>The predicted class name (worst-colony rule over voting windows), or null on error.</summary>
    public string? Label { get; init; }

    /// <summary>Calibrated image probabilities in the model's class order; empty on error.</summary>
    public IReadOnlyList<float> Probabilities { get; init; } = [];

    /// <summary>Probability of <see cref="Label"/>.</summary>
    public float Confidence { get; init; }

    /// <summary>True when a person should look at this image; <see cref="ReviewReasons"/> says why.</summary>
    public bool Review => ReviewReasons.Count > 0;

    /// <summary>Every reason the image goes to review (see <see cref="ReviewReason"/>).</summary>
    public IReadOnlyList<string> ReviewReasons { get; init; } = [];

    /// <summary>Per-window probabilities, for heatmaps; null on error.</summary>
    public WindowGrid? Windows { get; init; }

    /// <summary>What was decoded and at which scale; null when decoding failed.</summary>
    public ImageFacts? Facts { get; init; }

    /// <summary>Quality-gate measures of the image; null on error.</summary>
    public QualityMeasures? Quality { get; init; }

    /// <summary>SHA-256 of the file bytes (lower-case hex) when requested, else null.</summary>
    public string? Sha256 { get; init; }
}

/// <summary>Facts about a decoded image.</summary>
/// <param name="Width">Source width in pixels.</param>
/// <param name="Height">Source height in pixels.</param>
/// <param name="BitDepth">Source bits per sample.</param>
/// <param name="Format">Container (tiff, png, jpeg, bmp).</param>
/// <param name="Layout">Source channel layout (grey, rgb, palette...).</param>
/// <param name="UmPerPixel">The source scale used.</param>
/// <param name="ScaleSource">Where <paramref name="UmPerPixel"/> came from.</param>
/// <param name="PageCount">Pages in the file (only the first is scored).</param>
public sealed record ImageFacts(int Width, int Height, int BitDepth, string Format, string Layout, double UmPerPixel, ScaleSource ScaleSource, int PageCount);

/// <summary>Where the source scale came from.</summary>
public enum ScaleSource
{
    /// <summary>Given by the caller in micrometres per pixel.</summary>
    Option,

    /// <summary>Derived from the objective magnification and the EVOS camera pixel (3.45 um).</summary>
    Objective,

    /// <summary>Read from the file's resolution tags.</summary>
    FileTags,

    /// <summary>Nothing said: the default was assumed (a review reason).</summary>
    Assumed,
}

/// <summary>Quality-gate measures for one image, at canonical scale.</summary>
/// <param name="Focus">Variance of the Laplacian on [0,1] grey.</param>
/// <param name="OverExposedFraction">Fraction of pixels at the top of the range.</param>
/// <param name="UnderExposedFraction">Fraction of pixels at the bottom of the range.</param>
/// <param name="VotingFraction">Fraction of windows with colony texture (those that vote).</param>
public sealed record QualityMeasures(double Focus, double OverExposedFraction, double UnderExposedFraction, double VotingFraction);

/// <summary>
/// The windows an image was covered with and their calibrated probabilities, row-major.
/// </summary>
/// <param name="Columns">Windows across.</param>
/// <param name="Rows">Windows down.</param>
/// <param name="WindowSize">Window side in canonical pixels.</param>
/// <param name="Stride">Step in canonical pixels.</param>
/// <param name="CanonicalWidth">Image width at canonical scale.</param>
/// <param name="CanonicalHeight">Image height at canonical scale.</param>
/// <param name="Probabilities">Rows*Columns*classes calibrated probabilities, window-major.</param>
/// <param name="Voting">Rows*Columns flags: true when the window has colony texture and voted.</param>
public sealed record WindowGrid(int Columns, int Rows, int WindowSize, int Stride, int CanonicalWidth, int CanonicalHeight, float[] Probabilities, bool[] Voting)
{
    /// <summary>
    /// The window that decided the image's label under the model's worst-colony rule (row-major index),
    /// or -1 when there is none: for a class above the healthiest, the window most likely that severe.
    /// </summary>
    public int DecidingWindow { get; init; } = -1;
}

/// <summary>The review reasons, as they appear in reports.</summary>
public static class ReviewReason
{
    /// <summary>Calibrated confidence below the model's review threshold.</summary>
    public const string LowConfidence = "low_confidence";

    /// <summary>Focus measure below the model's limit.</summary>
    public const string OutOfFocus = "out_of_focus";

    /// <summary>Too many pixels at the top of the range.</summary>
    public const string OverExposed = "over_exposed";

    /// <summary>Too many pixels at the bottom of the range.</summary>
    public const string UnderExposed = "under_exposed";

    /// <summary>No (or almost no) window with colony texture.</summary>
    public const string EmptyField = "empty_field";

    /// <summary>The scale was not given nor in the file; the default was assumed.</summary>
    public const string ScaleAssumed = "scale_assumed";
}
