namespace ColonyQc.Training.Calibration;

/// <summary>
/// Expected calibration error: predictions binned by confidence into equal-width bins, ECE is the
/// image-weighted mean of |accuracy - mean confidence| over the bins.
/// </summary>
public static class CalibrationError
{
    /// <summary>The usual bin count (Guo et al. 2017), used everywhere in ColonyQc.</summary>
    public const int DefaultBins = 15;

    /// <summary>Reliability bins of (confidence, correct) pairs.</summary>
    public static IReadOnlyList<ReliabilityBin> Bins(IReadOnlyList<double> confidences, IReadOnlyList<bool> correct, int bins = DefaultBins)
    {
        if (confidences.Count != correct.Count)
        {
            throw new ArgumentException($"{confidences.Count} confidences for {correct.Count} outcomes", nameof(correct));
        }

        var count = new int[bins];
        var confidenceSum = new double[bins];
        var correctSum = new int[bins];
        for (var i = 0; i < confidences.Count; i++)
        {
            // Bins are (lower, upper]; a confidence of exactly 0 goes to the first bin.
            var b = Math.Clamp((int)Math.Ceiling(confidences[i] * bins) - 1, 0, bins - 1);
            count[b]++;
            confidenceSum[b] += confidences[i];
            correctSum[b] += correct[i] ? 1 : 0;
        }

        var result = new ReliabilityBin[bins];
        for (var b = 0; b < bins; b++)
        {
            result[b] = new ReliabilityBin(
                (double)b / bins,
                (double)(b + 1) / bins,
                count[b],
                count[b] == 0 ? 0 : confidenceSum[b] / count[b],
                count[b] == 0 ? 0 : (double)correctSum[b] / count[b]);
        }

        return result;
    }

    /// <summary>ECE of (confidence, correct) pairs over <paramref name="bins"/> equal-width bins.</summary>
    public static double Expected(IReadOnlyList<double> confidences, IReadOnlyList<bool> correct, int bins = DefaultBins)
    {
        if (confidences.Count == 0)
        {
            return 0;
        }

        double sum = 0;
        foreach (var bin in Bins(confidences, correct, bins))
        {
            sum += bin.Count * Math.Abs(bin.Accuracy - bin.MeanConfidence);
        }

        return sum / confidences.Count;
    }
}
