using ColonyQc.Synthetic.Rendering;

namespace ColonyQc.Synthetic.Dataset;

/// <summary>One field of a data set before it is rendered: its label, file name and grouping.</summary>
/// <param name="Index">Position in the data set, from 0; with the seed it fixes the field's content.</param>
/// <param name="Label">The class the field is rendered as.</param>
/// <param name="RelativePath">File path relative to the output folder, with '/' separators.</param>
/// <param name="Plate">Plate (the EVOS scan prefix), empty in the flat layout.</param>
/// <param name="Well">Well, e.g. <c>B03</c>, empty in the flat layout.</param>
/// <param name="Field">Field number within the well (evos), or the index (flat).</param>
/// <param name="Group">The unit a train/validation split must not cut: <c>plate/well</c> (evos) or the file stem (flat).</param>
/// <param name="AcquisitionGroup">The plate number whose set-up the field shares (evos), or null (flat).</param>
public sealed record PlannedField(int Index, ColonyClass Label, string RelativePath, string Plate, string Well, int Field, string Group, long? AcquisitionGroup)
{
    /// <summary>The render request for this field under <paramref name="options"/>.</summary>
    public FieldRequest ToRequest(SynthOptions options) => new()
    {
        Label = Label,
        Width = options.Width,
        Height = options.Height,
        UmPerPixel = options.UmPerPixel,
        Seed = options.Seed,
        Index = Index,
        AcquisitionGroup = AcquisitionGroup,
        EmptyFieldProbability = options.EmptyFieldProbability,
        Modes = options.Modes,
    };
}
