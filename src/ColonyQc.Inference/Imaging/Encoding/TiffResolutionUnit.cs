namespace ColonyQc.Inference.Imaging.Encoding;

/// <summary>The unit the TIFF ResolutionUnit tag states for XResolution/YResolution.</summary>
public enum TiffResolutionUnit
{
    /// <summary>Pixels per inch (tag value 2).</summary>
    Inch = 2,

    /// <summary>Pixels per centimetre (tag value 3).</summary>
    Centimetre = 3,
}
