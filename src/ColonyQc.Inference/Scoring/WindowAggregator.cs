namespace ColonyQc.Inference.Scoring;

/// <summary>
/// Turns per-window logits into calibrated per-window and image probabilities. One place, used by
/// scoring and by training's calibration and evaluation, so the two cannot drift apart.
/// </summary>
/// <remarks>
/// The image label follows the worst-colony rule of the design (abnormal over differentiating over
/// good) as a hierarchy over voting windows: P(abnormal) is the largest abnormal probability of any
/// window; of the rest, the share that is differentiating is the largest differentiating share
/// (d / (d + g)) of any window; good is what remains. Class indices of the hierarchy come from the
/// class names; a model with other class names falls back to the mean of the window probabilities.
/// </remarks>
public static class WindowAggregator
{
    /// <summary>Softmax of <paramref name="logits"/> / <paramref name="temperature"/> into <paramref name="probabilities"/> (same length).</summary>
    public static void Softmax(ReadOnlySpan<float> logits, double temperature, Span<float> probabilities)
    {
        var invT = 1.0 / temperature;
        var max = double.NegativeInfinity;
        foreach (var l in logits)
        {
            max = Math.Max(max, l * invT);
        }

        double sum = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            var e = Math.Exp((logits[i] * invT) - max);
            probabilities[i] = (float)e;
            sum += e;
        }

        for (var i = 0; i < logits.Length; i++)
        {
            probabilities[i] = (float)(probabilities[i] / sum);
        }
    }

    /// <summary>
    /// Aggregates calibrated window probabilities (window-major, one value per class per window)
    /// into image probabilities. Only windows whose <paramref name="voting"/> flag is set count; when
    /// none does, every window counts.
    /// </summary>
    public static void Aggregate(ReadOnlySpan<float> windowProbabilities, ReadOnlySpan<bool> voting, IReadOnlyList<string> classNames, Span<float> imageProbabilities)
    {
        var classCount = classNames.Count;
        var windows = windowProbabilities.Length / classCount;
        var anyVoting = voting.Contains(true);
        var good = IndexOf(classNames, "good");
        var diff = IndexOf(classNames, "differentiating");
        var abn = IndexOf(classNames, "abnormal");

        if (good < 0 || diff < 0 || abn < 0 || classCount != 3)
        {
            MeanOfWindows(windowProbabilities, voting, anyVoting, classCount, imageProbabilities);
            return;
        }

        double maxAbnormal = 0, maxDiffShare = 0;
        for (var w = 0; w < windows; w++)
        {
            if (anyVoting && !voting[w])
            {
                continue;
            }

            var p = windowProbabilities.Slice(w * classCount, classCount);
            maxAbnormal = Math.Max(maxAbnormal, p[abn]);
            var rest = (double)p[diff] + p[good];
            if (rest > 0)
            {
                maxDiffShare = Math.Max(maxDiffShare, p[diff] / rest);
            }
        }

        imageProbabilities[abn] = (float)maxAbnormal;
        imageProbabilities[diff] = (float)((1 - maxAbnormal) * maxDiffShare);
        imageProbabilities[good] = (float)((1 - maxAbnormal) * (1 - maxDiffShare));
    }

    /// <summary>Index of the largest probability (the first on ties, so results are deterministic).</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static void MeanOfWindows(ReadOnlySpan<float> windowProbabilities, ReadOnlySpan<bool> voting, bool anyVoting, int classCount, Span<float> image)
    {
        image.Clear();
        var counted = 0;
        for (var w = 0; w < windowProbabilities.Length / classCount; w++)
        {
            if (anyVoting && !voting[w])
            {
                continue;
            }

            counted++;
            for (var c = 0; c < classCount; c++)
            {
                image[c] += windowProbabilities[(w * classCount) + c];
            }
        }

        for (var c = 0; c < classCount; c++)
        {
            image[c] /= Math.Max(1, counted);
        }
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
