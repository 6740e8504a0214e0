namespace ColonyQc.Inference.Imaging;

/// <summary>The channel layout a file stored before ColonyQc turned it into one grey plane.</summary>
public enum ChannelLayout
{
    /// <summary>One grey channel.</summary>
    Grey,

    /// <summary>Grey plus alpha (alpha is ignored).</summary>
    GreyAlpha,

    /// <summary>Palette indices mapped through a colour map (grey ramps are common in plate imagers).</summary>
    Palette,

    /// <summary>Red, green, blue: converted to luminance.</summary>
    Rgb,

    /// <summary>Red, green, blue, alpha: converted to luminance, alpha ignored.</summary>
    Rgba,
}
