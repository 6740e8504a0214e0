namespace ColonyQc.Synthetic.Preview;

/// <summary>What the contact sheet shows. Immutable; the defaults make the sheet in docs/images.</summary>
public sealed record ContactSheetOptions
{
    /// <summary>Seed of the fields shown.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Imaging modes the fields may be drawn in.</summary>
    public IReadOnlyList<Rendering.ImagingMode> Modes { get; init; } = Rendering.ImagingModes.All;

    /// <summary>Fields per class (one row per class).</summary>
    public int FieldsPerClass { get; init; } = 3;

    /// <summary>Frame width of each simulated field, pixels.</summary>
    public int FieldWidth { get; init; } = SynthDefaults.Width;

    /// <summary>Frame height of each simulated field, pixels.</summary>
    public int FieldHeight { get; init; } = SynthDefaults.Height;

    /// <summary>Scale of the simulated fields.</summary>
    public double UmPerPixel { get; init; } = SynthDefaults.UmPerPixel;

    /// <summary>Width of each tile (whole-field thumbnail and 1:1 crop), pixels; 208 keeps the sheet under 500 KB.</summary>
    public int TileWidth { get; init; } = 208;
}
