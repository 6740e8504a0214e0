namespace ColonyQc.Synthetic.Rendering;

/// <summary>What field to render: its class, frame, scale and where it sits in the random streams.</summary>
public sealed record FieldRequest
{
    /// <summary>The field's label: its most severe colony has this class (see DESIGN.md).</summary>
    public required ColonyClass Label { get; init; }

    /// <summary>Frame width in pixels (EVOS cameras: 2048).</summary>
    public int Width { get; init; } = SynthDefaults.Width;

    /// <summary>Frame height in pixels (EVOS cameras: 1536).</summary>
    public int Height { get; init; } = SynthDefaults.Height;

    /// <summary>Micrometres per pixel: 0.86 for a 4x objective, 0.345 for 10x.</summary>
    public double UmPerPixel { get; init; } = SynthDefaults.UmPerPixel;

    /// <summary>The data set's seed.</summary>
    public ulong Seed { get; init; }

    /// <summary>The field's index in the data set: with <see cref="Seed"/> it fixes every random choice.</summary>
    public long Index { get; init; }

    /// <summary>
    /// Fields with the same group (for example one plate scan) share exposure, contrast, lamp
    /// gradient, vignetting and camera noise, each field varying a little; null gives the field its own.
    /// </summary>
    public long? AcquisitionGroup { get; init; }

    /// <summary>
    /// The imaging modes the field may be drawn in; one is chosen per acquisition group (a plate scan uses one
    /// mode), uniformly among these. Default: every mode.
    /// </summary>
    public IReadOnlyList<ImagingMode> Modes { get; init; } = ImagingModes.All;

    /// <summary>Chance that a good field shows no colony at all (background, debris and dead cells only).</summary>
    public double EmptyFieldProbability { get; init; } = SynthDefaults.EmptyFieldProbability;
}
