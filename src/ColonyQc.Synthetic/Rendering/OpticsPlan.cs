namespace ColonyQc.Synthetic.Rendering;

/// <summary>
/// How the microscope and camera saw one field: imaging mode, exposure, illumination, contrast,
/// focus, noise, and every rendering choice that is not part of a class definition (halo strength and
/// polarity, how visible cell borders are, texture gain). The scene planner draws all of them at
/// random, so a model can only tell the classes apart by colony morphology.
/// </summary>
/// <param name="Exposure">Background level at the field centre, as a fraction of the camera's full scale.</param>
/// <param name="GradientX">Relative illumination change from the centre to the right edge (uneven lamp alignment).</param>
/// <param name="GradientY">Relative illumination change from the centre to the bottom edge.</param>
/// <param name="Vignetting">Relative darkening at the frame corners.</param>
/// <param name="ContrastGain">Multiplies every specimen signal (phase ring, condenser and gamma differences between set-ups).</param>
/// <param name="HaloGain">Multiplies border and cell halos: about 1 in phase contrast, small and of either sign in bright field.</param>
/// <param name="Mode">The imaging mode.</param>
/// <param name="BlurSigmaPixels">Point spread plus defocus, as a Gaussian standard deviation in pixels.</param>
/// <param name="FullWellElectrons">Photo-electrons at full scale: sets the shot noise.</param>
/// <param name="ReadNoiseElectrons">Camera read noise, electrons RMS.</param>
/// <param name="BackgroundTexture">Amplitude of the faint coating / medium texture of the background.</param>
internal sealed record OpticsPlan(
    double Exposure,
    double GradientX,
    double GradientY,
    double Vignetting,
    double ContrastGain,
    double HaloGain,
    ImagingMode Mode,
    double BlurSigmaPixels,
    double FullWellElectrons,
    double ReadNoiseElectrons,
    double BackgroundTexture)
{
    /// <summary>
    /// Multiplies the darkening of colony bodies by their thickness: near 1 in phase contrast; in bright
    /// field colonies can be barely darker, or even lighter, than the medium (negative values).
    /// </summary>
    public double BodyGain { get; init; } = 1;

    /// <summary>
    /// Amplitude of single cells' outlines relative to their texture, with its sign (bright or dark
    /// borders): what makes cell borders visible in bright field. 0 draws no outlines.
    /// </summary>
    public double CellBorderGain { get; init; }

    /// <summary>Multiplies the contrast of nuclei and nucleoli (how granular the same cells look).</summary>
    public double TextureGain { get; init; } = 1;

    /// <summary>
    /// Amplitude of cytoplasmic granules (vesicles, small refractile bodies) relative to cell texture: bright
    /// field shows them as a fine speckle of either polarity inside colonies. 0 draws none.
    /// </summary>
    public double Granularity { get; init; }

    /// <summary>Direction of the relief shear (radians), for <see cref="ImagingMode.Relief"/>.</summary>
    public double ReliefAngle { get; init; }

    /// <summary>Relief shading per micrometre of optical-thickness change, for <see cref="ImagingMode.Relief"/>.</summary>
    public double ReliefStrength { get; init; }
}
