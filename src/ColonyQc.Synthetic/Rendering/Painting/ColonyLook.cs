namespace ColonyQc.Synthetic.Rendering.Painting;

/// <summary>
/// Everything that makes one colony look the way it does, in physical units (micrometres) and
/// relative intensity (a fraction of the local background). <see cref="ColonyLooks"/> draws these
/// per class; <see cref="ColonyPainter"/> renders them at any pixel size.
/// </summary>
internal sealed record ColonyLook
{
    /// <summary>Width of the border's intensity transition: about 1-2 um for a sharp border, tens for a diffuse one.</summary>
    public required double EdgeWidthUm { get; init; }

    /// <summary>Amplitude of border waviness at the cell scale (diffuse, frayed edges), um.</summary>
    public double EdgeFrayUm { get; init; }

    /// <summary>Bright phase halo just outside the border (relative intensity).</summary>
    public required double HaloAmplitude { get; init; }

    /// <summary>Decay length of the halo, um.</summary>
    public required double HaloWidthUm { get; init; }

    /// <summary>Darkening of the colony body by its thickness (relative intensity, positive = darker).</summary>
    public required double Thickness { get; init; }

    /// <summary>Relative variation of thickness across the colony (0 = perfectly even).</summary>
    public required double ThicknessVariation { get; init; }

    /// <summary>Cell-to-cell spacing in the compact part, um.</summary>
    public required double CellSpacingUm { get; init; }

    /// <summary>Contrast of nuclei and nucleoli (relative intensity).</summary>
    public required double TextureContrast { get; init; }

    /// <summary>Relative radius where compact cells give way to flat differentiated cells (above 1: never).</summary>
    public double CompactCoreFraction { get; init; } = 2;

    /// <summary>Spacing of the flat, differentiated cells, um.</summary>
    public double FlatCellSpacingUm { get; init; }

    /// <summary>Fraction of flat-cell sites left empty (gaps between spreading cells).</summary>
    public double GapFraction { get; init; }

    /// <summary>How far elongated, fibroblast-like cells stream beyond the border, as a fraction of the radius.</summary>
    public double SpindleReach { get; init; }

    /// <summary>Fraction of flat cells drawn as elongated spindles rather than cobblestone polygons.</summary>
    public double SpindleFraction { get; init; }

    /// <summary>Amplitude of lighter patches in the body (relative intensity).</summary>
    public double LightPatchAmplitude { get; init; }

    /// <summary>Dark dense (necrotic, multilayered) centre: relative darkening, 0 for none.</summary>
    public double NecrosisDarkness { get; init; }

    /// <summary>Radius of the dark centre as a fraction of the colony radius.</summary>
    public double NecrosisFraction { get; init; }

    /// <summary>Fraction of the colony area lost to holes (fragmentation), 0 for none.</summary>
    public double HoleFraction { get; init; }

    /// <summary>Typical hole size, um.</summary>
    public double HoleScaleUm { get; init; }

    /// <summary>Vacuoles or cysts inside the colony.</summary>
    public int VacuoleCount { get; init; }

    /// <summary>Rounded, detaching dead cells on and around the colony.</summary>
    public int DeadCellCount { get; init; }

    /// <summary>Detached fragments scattered beside the colony.</summary>
    public int FragmentCount { get; init; }
}
