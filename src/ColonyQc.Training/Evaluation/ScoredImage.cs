namespace ColonyQc.Training.Evaluation;

/// <summary>One labelled image as the model scored it.</summary>
/// <param name="Path">The image file.</param>
/// <param name="Label">True class index.</param>
/// <param name="Probabilities">Calibrated image probabilities (the model's temperature), as scoring reports them.</param>
/// <param name="UncalibratedProbabilities">Image probabilities at temperature 1, for the "before temperature" calibration error.</param>
public sealed record ScoredImage(string Path, int Label, IReadOnlyList<float> Probabilities, IReadOnlyList<float> UncalibratedProbabilities)
{
    /// <summary>The predicted class (largest calibrated probability, first on ties).</summary>
    public int Predicted
    {
        get
        {
            var best = 0;
            for (var c = 1; c < Probabilities.Count; c++)
            {
                if (Probabilities[c] > Probabilities[best])
                {
                    best = c;
                }
            }

            return best;
        }
    }

    /// <summary>Calibrated probability of the predicted class.</summary>
    public double Confidence => Probabilities[Predicted];

    /// <summary>Uncalibrated probability of the predicted class (temperature does not change the winner).</summary>
    public double UncalibratedConfidence => UncalibratedProbabilities.Max();
}
