namespace ColonyQc.Training.Calibration;

/// <summary>
/// Chooses the confidence below which images go to review: the lowest threshold at which the
/// images decided automatically (confidence at or above it) have an error rate within the target,
/// which keeps the most images out of the review queue.
/// </summary>
public static class ReviewThreshold
{
    /// <summary>The default target error rate of automatically decided images.</summary>
    public const double DefaultTargetError = 0.05;

    /// <summary>
    /// The threshold for (confidence, correct) pairs. When not even the single most confident image
    /// meets the target, 1 (everything below full confidence goes to review).
    /// </summary>
    public static double Choose(IReadOnlyList<double> confidences, IReadOnlyList<bool> correct, double targetError = DefaultTargetError)
    {
        if (confidences.Count != correct.Count)
        {
            throw new ArgumentException($"{confidences.Count} confidences for {correct.Count} outcomes", nameof(correct));
        }

        var order = Enumerable.Range(0, confidences.Count).OrderByDescending(i => confidences[i]).ToArray();
        var threshold = 1.0;
        var errors = 0;
        for (var k = 0; k < order.Length; k++)
        {
            errors += correct[order[k]] ? 0 : 1;

            // Only cut between distinct confidences: a threshold takes all images tied at it.
            var lastOfTie = k + 1 == order.Length || confidences[order[k + 1]] < confidences[order[k]];
            if (lastOfTie && errors <= targetError * (k + 1))
            {
                threshold = confidences[order[k]];
            }
        }

        return threshold;
    }

    /// <summary>Share of images at or above <paramref name="threshold"/> (decided automatically), and their accuracy (1 when none).</summary>
    public static (double Coverage, double Accuracy) CoverageAt(IReadOnlyList<double> confidences, IReadOnlyList<bool> correct, double threshold)
    {
        var decided = 0;
        var right = 0;
        for (var i = 0; i < confidences.Count; i++)
        {
            if (confidences[i] >= threshold)
            {
                decided++;
                right += correct[i] ? 1 : 0;
            }
        }

        return (confidences.Count == 0 ? 0 : (double)decided / confidences.Count, decided == 0 ? 1 : (double)right / decided);
    }
}
