namespace ColonyQc.Synthetic.Dataset;

/// <summary>How a synthetic data set's files are named and grouped.</summary>
public enum SynthLayout
{
    /// <summary>One subfolder per class (good/, differentiating/, abnormal/); every field is its own group.</summary>
    Flat,

    /// <summary>EVOS plate-scan names (<c>scan01_R_p00_z00_0_B03f01d0.tif</c>) in one folder; plates of wells of fields, grouped by well.</summary>
    Evos,
}
