namespace ColonyQc.Synthetic.Rendering;

/// <summary>How the microscope and camera saw one field: exposure, illumination, contrast, focus, noise.</summary>
/// <param name="Exposure">Background level at the field centre, as a fraction of the camera's full scale.</param>
/// <param name="GradientX">Relative illumination change from the centre to the right edge (uneven lamp alignment).</param>
/// <param name="GradientY">Relative illumination change from the centre to the bottom edge.</param>
/// <param name="Vignetting">Relative darkening at the frame corners.</param>
/// <param name="ContrastGain">Multiplies every specimen signal (phase ring, condenser and gamma differences between set-ups).</param>
/// <param name="HaloGain">Multiplies border and cell halos: about 1 in phase contrast, small or negative in bright field.</param>
/// <param name="PhaseContrast">True for phase contrast, false for bright field.</param>
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
    bool PhaseContrast,
    double BlurSigmaPixels,
    double FullWellElectrons,
    double ReadNoiseElectrons,
    double BackgroundTexture);
