namespace ColonyQc.Synthetic;

/// <summary>
/// The three culture states the simulator draws, in the project's class order
/// (good, differentiating, abnormal). The numeric value is the class index and also the
/// severity: a field's label is its most severe colony.
/// </summary>
public enum ColonyClass
{
    /// <summary>Undifferentiated: compact colony, smooth sharp border with a bright halo, fine even texture.</summary>
    Good = 0,

    /// <summary>Ragged or spreading border, larger flatter cells, elongated cells, gaps, coarse lighter texture.</summary>
    Differentiating = 1,

    /// <summary>Dark necrotic centres, dead cells and debris, fragments with holes, vacuoles, contamination.</summary>
    Abnormal = 2,
}
