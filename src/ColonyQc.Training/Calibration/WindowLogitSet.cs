using ColonyQc.Inference.Scoring;

namespace ColonyQc.Training.Calibration;

/// <summary>
/// The raw per-window logits of one labelled image with the voting flags scoring would use: what
/// temperature fitting, thresholds and "before temperature" metrics are computed from.
/// </summary>
/// <param name="Logits">Window-major logits (windows x classes).</param>
/// <param name="Voting">Per window: true when its texture lets it vote.</param>
/// <param name="Label">The image's true class index.</param>
public sealed record WindowLogitSet(float[] Logits, bool[] Voting, int Label)
{
    /// <summary>
    /// Image probabilities at <paramref name="temperature"/>, through the same
    /// <see cref="WindowAggregator"/> that scoring uses.
    /// </summary>
    public float[] ImageProbabilities(WindowAggregator aggregator, double temperature)
    {
        ArgumentNullException.ThrowIfNull(aggregator);
        var classes = aggregator.ClassCount;
        var windows = new float[Logits.Length];
        for (var w = 0; w < Logits.Length / classes; w++)
        {
            WindowAggregator.Softmax(Logits.AsSpan(w * classes, classes), temperature, windows.AsSpan(w * classes, classes));
        }

        var image = new float[classes];
        aggregator.Aggregate(windows, Voting, image);
        return image;
    }
}
