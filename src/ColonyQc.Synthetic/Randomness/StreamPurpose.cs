namespace ColonyQc.Synthetic.Randomness;

/// <summary>
/// Names of the independent random streams derived from a seed (see <see cref="FieldRandom.Derive"/>).
/// The values are part of the output format: changing one changes every image.
/// </summary>
internal static class StreamPurpose
{
    /// <summary>Scene of one field (colonies, optics, debris).</summary>
    public const ulong Field = 1;

    /// <summary>Per-row sensor noise of one field.</summary>
    public const ulong SensorNoise = 2;

    /// <summary>Look shared by the fields of one acquisition group (a plate scan).</summary>
    public const ulong AcquisitionGroup = 3;

    /// <summary>Order of class labels over the fields of a data set.</summary>
    public const ulong LabelOrder = 4;

    /// <summary>One colony's shape and texture.</summary>
    public const ulong Colony = 5;

    /// <summary>Per-row grain of bacterial turbidity.</summary>
    public const ulong Contamination = 6;
}
