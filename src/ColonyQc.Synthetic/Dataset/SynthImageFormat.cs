namespace ColonyQc.Synthetic.Dataset;

/// <summary>The file format of a synthetic data set's images.</summary>
public enum SynthImageFormat
{
    /// <summary>TIFF (8 or 16 bit grey, compressed as <see cref="SynthOptions.TiffCompression"/>, scale in the resolution tags).</summary>
    Tiff,

    /// <summary>PNG (8 or 16 bit grey, scale in pHYs).</summary>
    Png,

    /// <summary>JPEG (8-bit grey only; the format has no micrometre scale).</summary>
    Jpeg,
}
