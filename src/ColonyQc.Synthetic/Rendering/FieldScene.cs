namespace ColonyQc.Synthetic.Rendering;

/// <summary>Everything decided about a field before a pixel is painted.</summary>
internal sealed record FieldScene(
    OpticsPlan Optics,
    IReadOnlyList<ColonyPlan> Colonies,
    int DebrisSpecks,
    int FloatingDeadCells,
    ContaminationKind Contamination);
