namespace ColonyQc.Synthetic.Rendering;

/// <summary>Signs of microbial contamination an abnormal field may show.</summary>
internal enum ContaminationKind
{
    /// <summary>No contamination.</summary>
    None,

    /// <summary>Bacterial turbidity: a fine granular, patchy haze over the whole background.</summary>
    Turbid,

    /// <summary>Fungal hyphae: long thin branching filaments.</summary>
    Filaments,
}
