namespace ColonyQc.Synthetic.Rendering;

/// <summary>
/// How the microscope makes transparent cells visible: the simulator's rendering styles. None of
/// them is part of a class definition, so a model must give the same label in every mode; the
/// domain-shift benchmark leaves one out of training and tests on it.
/// </summary>
public enum ImagingMode
{
    /// <summary>Phase contrast (EVOS 4x/10x phase objectives): bright halos at colony borders and round dead cells, contrasty cell texture.</summary>
    PhaseContrast = 0,

    /// <summary>
    /// Plate-imager bright field (like the shared real tiles): low contrast, no halo or a faint one of either
    /// polarity, thin colony outlines, visible cell borders, dark floating dead cells and debris.
    /// </summary>
    BrightField = 1,

    /// <summary>
    /// Relief contrast (DIC / Hoffman modulation): the specimen's optical thickness seen as shading along one
    /// direction, so edges look embossed, lit from one side and shadowed on the other.
    /// </summary>
    Relief = 2,
}
