namespace ColonyQc.Inference.Imaging;

/// <summary>
/// Decides whether a resolution stored in a file is a microscope scale. Many writers store a desktop-publishing
/// default (72-300 dpi, i.e. 85-353 um/px) or garbage; those must read as "scale unknown", not as a real scale,
/// or the whole image would be resampled to nonsense.
/// </summary>
internal static class PlausibleScale
{
    /// <summary>Finest scale accepted (0.01 um/px, beyond any light microscope).</summary>
    public const double MinUmPerPixel = 0.01;

    /// <summary>Coarsest scale accepted (50 um/px, about 500 dpi).</summary>
    public const double MaxUmPerPixel = 50;

    public static double? Accept(double umPerPixel)
        => double.IsFinite(umPerPixel) && umPerPixel is >= MinUmPerPixel and <= MaxUmPerPixel ? umPerPixel : null;
}
