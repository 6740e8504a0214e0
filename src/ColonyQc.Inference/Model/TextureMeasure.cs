namespace ColonyQc.Inference.Model;

/// <summary>
/// How a window's texture is measured, so a manifest's <see cref="QualityGateLimits.MinWindowTexture"/>
/// is compared with the measure it was calibrated for. Written in the manifest by name.
/// </summary>
public enum TextureMeasure
{
    /// <summary>
    /// Standard deviation of the window's canonical [0,1] pixels. The only measure of manifest format
    /// version 1. It also counts lamp gradient and vignetting, so bright, sloping background can
    /// outscore a small, faint colony.
    /// </summary>
    Std = 0,

    /// <summary>
    /// Standard deviation of the window's pixels after removing their least-squares quadratic surface
    /// <c>a + b*x + c*y + d*x^2 + e*y^2 + f*x*y</c>: lamp gradient and vignetting, smooth over a
    /// window, do not count; cell texture, colony borders and debris do. The measure of manifest
    /// format version 2 onwards (chosen over the plane-only fit on the training and validation parts:
    /// see docs/model-card.md).
    /// </summary>
    QuadraticDetrendedStd = 1,
}
