namespace ColonyQc.MLNet;

/// <summary>What the ColonyQc ML.NET pipeline adds to each row (columns named by <see cref="ColonyQcMLNetOptions"/>).</summary>
public sealed class ColonyQcPrediction
{
    /// <summary>Calibrated class probabilities in the model's class order.</summary>
    public float[] Probabilities { get; set; } = [];

    /// <summary>The most probable class name.</summary>
    public string PredictedLabel { get; set; } = string.Empty;

    /// <summary>Probability of <see cref="PredictedLabel"/>.</summary>
    public float Confidence { get; set; }
}
