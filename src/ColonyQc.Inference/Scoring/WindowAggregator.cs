using ColonyQc.Inference.Model;

namespace ColonyQc.Inference.Scoring;

/// <summary>
/// Turns calibrated per-window probabilities into image probabilities with the model's rule
/// (<see cref="ModelManifest.ImageAggregationRule"/>) and class severities
/// (<see cref="ModelManifest.Severities"/>), and gives the gradient of that aggregate. One
/// implementation for scoring, calibration, evaluation and the training loss, so what the network
/// is trained on is exactly what the scorer reports. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// The ordered rules implement the worst-colony rule of the design over severity levels: for each
/// level s above the healthiest, q_w(s) is window w's probability of a class of severity s or
/// worse, and Q(s) = the chance that the image holds at least one such window (a noisy-OR or a
/// soft maximum of the q_w(s)); the image's probability of level s is Q(s) - Q(s + 1). Classes of
/// one level share it in proportion to their summed window probabilities. Only windows whose
/// voting flag is set count; when none does, every window counts.
/// </remarks>
public sealed class WindowAggregator
{
    private readonly int[] _level;
    private readonly int _levels;
    private readonly AggregationRule _rule;
    private readonly double _exponent;

    // Legacy hierarchy: the class index of severity 0, 1 and 2.
    private readonly int _good = -1, _diff = -1, _abn = -1;

    /// <summary>An aggregator for classes of the given severities, with <paramref name="aggregation"/>'s rule.</summary>
    /// <exception cref="ArgumentException">Fewer than one class, a negative severity, or the legacy rule without exactly three classes of severities 0, 1, 2.</exception>
    public WindowAggregator(IReadOnlyList<int> severities, ImageAggregation aggregation)
    {
        ArgumentNullException.ThrowIfNull(severities);
        ArgumentNullException.ThrowIfNull(aggregation);
        if (severities.Count == 0 || severities.Any(s => s < 0))
        {
            throw new ArgumentException("every class needs a severity of 0 or more", nameof(severities));
        }

        var distinct = severities.Distinct().Order().ToArray();
        _level = severities.Select(s => Array.IndexOf(distinct, s)).ToArray();
        _levels = distinct.Length;
        _rule = aggregation.Rule;
        _exponent = aggregation.Exponent;
        Aggregation = aggregation;
        if (_rule == AggregationRule.WorstWindowHierarchy)
        {
            if (severities.Count != 3 || _levels != 3)
            {
                throw new ArgumentException("the worst-window hierarchy needs three classes of distinct severities", nameof(severities));
            }

            _good = Array.IndexOf(_level, 0);
            _diff = Array.IndexOf(_level, 1);
            _abn = Array.IndexOf(_level, 2);
        }
        else if (_rule == AggregationRule.OrderedPNorm && !(_exponent >= ImageAggregation.MinExponent && _exponent <= ImageAggregation.MaxExponent))
        {
            throw new ArgumentException($"the p-norm exponent must be {ImageAggregation.MinExponent}-{ImageAggregation.MaxExponent}", nameof(aggregation));
        }
    }

    /// <summary>Number of classes.</summary>
    public int ClassCount => _level.Length;

    /// <summary>The rule and its parameter.</summary>
    public ImageAggregation Aggregation { get; }

    /// <summary>True when <see cref="Backward"/> is defined for this rule (every rule but the legacy hierarchy).</summary>
    public bool HasGradient => _rule != AggregationRule.WorstWindowHierarchy;

    /// <summary>The aggregator a model's manifest asks for.</summary>
    public static WindowAggregator For(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return new WindowAggregator(manifest.Severities(), manifest.ImageAggregationRule());
    }

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

    /// <summary>Index of the largest value (the first on ties, so results are deterministic).</summary>
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

    /// <summary>
    /// Image probabilities from window probabilities (window-major, <see cref="ClassCount"/> per
    /// window). Only windows whose <paramref name="voting"/> flag is set count; when none does, all do.
    /// </summary>
    public void Aggregate(ReadOnlySpan<float> windowProbabilities, ReadOnlySpan<bool> voting, Span<float> imageProbabilities)
    {
        var classes = ClassCount;
        CheckShapes(windowProbabilities, voting, imageProbabilities.Length);
        if (_rule == AggregationRule.WorstWindowHierarchy)
        {
            Hierarchy(windowProbabilities, voting, imageProbabilities);
            return;
        }

        Span<double> image = stackalloc double[classes];
        Span<double> mass = stackalloc double[classes];
        Span<double> atLeast = stackalloc double[_levels + 1];
        Forward(windowProbabilities, voting, mass, atLeast, image);
        for (var c = 0; c < classes; c++)
        {
            imageProbabilities[c] = (float)image[c];
        }
    }

    /// <summary>
    /// The gradient of a loss with respect to the window probabilities, given its gradient
    /// <paramref name="imageGradient"/> with respect to the image probabilities
    /// <see cref="Aggregate"/> returns. Windows that do not count get 0.
    /// </summary>
    /// <exception cref="NotSupportedException">The rule has no gradient (<see cref="HasGradient"/>).</exception>
    public void Backward(ReadOnlySpan<float> windowProbabilities, ReadOnlySpan<bool> voting, ReadOnlySpan<double> imageGradient, Span<double> windowGradient)
    {
        if (!HasGradient)
        {
            throw new NotSupportedException($"the {_rule} rule has no gradient: a model trained by this ColonyQc uses an ordered rule");
        }

        var classes = ClassCount;
        CheckShapes(windowProbabilities, voting, imageGradient.Length);
        if (windowGradient.Length != windowProbabilities.Length)
        {
            throw new ArgumentException("the window gradient must have one value per window probability", nameof(windowGradient));
        }

        windowGradient.Clear();
        var windows = windowProbabilities.Length / classes;
        var all = !voting.Contains(true);
        var counted = Counted(voting, windows, all);
        if (counted == 0)
        {
            return;
        }

        if (_rule == AggregationRule.Mean)
        {
            for (var w = 0; w < windows; w++)
            {
                if (all || voting[w])
                {
                    for (var c = 0; c < classes; c++)
                    {
                        windowGradient[(w * classes) + c] = imageGradient[c] / counted;
                    }
                }
            }

            return;
        }

        Span<double> image = stackalloc double[classes];
        Span<double> mass = stackalloc double[classes];
        Span<double> atLeast = stackalloc double[_levels + 1];
        Forward(windowProbabilities, voting, mass, atLeast, image);

        // Through the level probabilities P(k) = Q(k) - Q(k+1) and the within-level shares.
        Span<double> levelGradient = stackalloc double[_levels];
        Span<double> massGradient = stackalloc double[classes];
        Span<double> levelMass = stackalloc double[_levels];
        Span<int> levelSize = stackalloc int[_levels];
        for (var c = 0; c < classes; c++)
        {
            levelMass[_level[c]] += mass[c];
            levelSize[_level[c]]++;
        }

        Span<double> shareGradientDotShare = stackalloc double[_levels];
        for (var c = 0; c < classes; c++)
        {
            var k = _level[c];
            var share = Share(mass[c], levelMass[k], levelSize[k]);
            var levelP = atLeast[k] - atLeast[k + 1];
            levelGradient[k] += imageGradient[c] * share;
            var shareGradient = imageGradient[c] * levelP;
            massGradient[c] = shareGradient;
            shareGradientDotShare[k] += shareGradient * share;
        }

        for (var c = 0; c < classes; c++)
        {
            var k = _level[c];
            massGradient[c] = levelMass[k] > 0 ? (massGradient[c] - shareGradientDotShare[k]) / levelMass[k] : 0;
        }

        // dL/dQ(k) for k = 1..levels-1 (Q(0) = 1 and Q(levels) = 0 are constants).
        Span<double> atLeastGradient = stackalloc double[_levels];
        for (var k = 1; k < _levels; k++)
        {
            atLeastGradient[k] = levelGradient[k] - levelGradient[k - 1];
        }

        for (var w = 0; w < windows; w++)
        {
            if (!(all || voting[w]))
            {
                continue;
            }

            for (var c = 0; c < classes; c++)
            {
                windowGradient[(w * classes) + c] = massGradient[c];
            }
        }

        var q = new double[windows];
        var dq = new double[windows];
        for (var k = 1; k < _levels; k++)
        {
            if (atLeastGradient[k] == 0)
            {
                continue;
            }

            AtLeast(windowProbabilities, voting, all, k, q);
            LevelDerivative(q, voting, all, atLeast[k], dq);
            for (var w = 0; w < windows; w++)
            {
                if (dq[w] == 0)
                {
                    continue;
                }

                var g = atLeastGradient[k] * dq[w];
                for (var c = 0; c < classes; c++)
                {
                    if (_level[c] >= k)
                    {
                        windowGradient[(w * classes) + c] += g;
                    }
                }
            }
        }
    }

    /// <summary>
    /// The window that decides <paramref name="label"/>: for a class above the healthiest level,
    /// the counting window most likely to be at least that severe; for the healthiest level, the
    /// counting window closest to being worse (so a heatmap marks what was checked hardest). -1 when
    /// the image has no window.
    /// </summary>
    public int DecidingWindow(ReadOnlySpan<float> windowProbabilities, ReadOnlySpan<bool> voting, int label)
    {
        var classes = ClassCount;
        var windows = windowProbabilities.Length / classes;
        if (windows == 0)
        {
            return -1;
        }

        var all = !voting.Contains(true);
        var k = _rule == AggregationRule.Mean || _levels == 1 ? -1 : Math.Max(1, _level[label]);
        var best = -1;
        var bestValue = double.NegativeInfinity;
        for (var w = 0; w < windows; w++)
        {
            if (!(all || voting[w]))
            {
                continue;
            }

            var p = windowProbabilities.Slice(w * classes, classes);
            double value = 0;
            if (k < 0)
            {
                value = p[label];
            }
            else
            {
                for (var c = 0; c < classes; c++)
                {
                    value += _level[c] >= k ? p[c] : 0;
                }
            }

            if (value > bestValue)
            {
                bestValue = value;
                best = w;
            }
        }

        return best;
    }

    private static double Share(double mass, double levelMass, int levelSize) => levelMass > 0 ? mass / levelMass : 1.0 / levelSize;

    private static int Counted(ReadOnlySpan<bool> voting, int windows, bool all)
    {
        if (all)
        {
            return windows;
        }

        var n = 0;
        foreach (var v in voting)
        {
            n += v ? 1 : 0;
        }

        return n;
    }

    private void CheckShapes(ReadOnlySpan<float> windowProbabilities, ReadOnlySpan<bool> voting, int imageLength)
    {
        var classes = ClassCount;
        if (imageLength != classes || windowProbabilities.Length % classes != 0 || voting.Length != windowProbabilities.Length / classes)
        {
            throw new ArgumentException($"expected {classes} image values, a multiple of {classes} window values and one voting flag per window");
        }
    }

    // Window masses, Q(0..levels) and the image probabilities of the ordered rules and the mean.
    private void Forward(ReadOnlySpan<float> windowProbabilities, ReadOnlySpan<bool> voting, Span<double> mass, Span<double> atLeast, Span<double> image)
    {
        var classes = ClassCount;
        var windows = windowProbabilities.Length / classes;
        var all = !voting.Contains(true);
        var counted = Counted(voting, windows, all);
        mass.Clear();
        for (var w = 0; w < windows; w++)
        {
            if (all || voting[w])
            {
                for (var c = 0; c < classes; c++)
                {
                    mass[c] += windowProbabilities[(w * classes) + c];
                }
            }
        }

        if (counted == 0)
        {
            image.Fill(1.0 / classes);
            atLeast.Clear();
            atLeast[0] = 1;
            return;
        }

        if (_rule == AggregationRule.Mean)
        {
            for (var c = 0; c < classes; c++)
            {
                image[c] = mass[c] / counted;
            }

            return;
        }

        atLeast[0] = 1;
        atLeast[_levels] = 0;
        var q = windows <= 256 ? stackalloc double[windows] : new double[windows];
        for (var k = 1; k < _levels; k++)
        {
            AtLeast(windowProbabilities, voting, all, k, q);
            var value = _rule == AggregationRule.OrderedNoisyOr ? NoisyOr(q, voting, all) : PNorm(q, voting, all, _exponent);

            // Q is monotone in k by construction; rounding must not make a level negative.
            atLeast[k] = Math.Min(value, atLeast[k - 1]);
        }

        Span<double> levelMass = stackalloc double[_levels];
        Span<int> levelSize = stackalloc int[_levels];
        for (var c = 0; c < classes; c++)
        {
            levelMass[_level[c]] += mass[c];
            levelSize[_level[c]]++;
        }

        for (var c = 0; c < classes; c++)
        {
            var k = _level[c];
            image[c] = (atLeast[k] - atLeast[k + 1]) * Share(mass[c], levelMass[k], levelSize[k]);
        }
    }

    private void AtLeast(ReadOnlySpan<float> windowProbabilities, ReadOnlySpan<bool> voting, bool all, int level, Span<double> q)
    {
        var classes = ClassCount;
        for (var w = 0; w < q.Length; w++)
        {
            double sum = 0;
            if (all || voting[w])
            {
                for (var c = 0; c < classes; c++)
                {
                    sum += _level[c] >= level ? windowProbabilities[(w * classes) + c] : 0;
                }
            }

            q[w] = Math.Clamp(sum, 0, 1);
        }
    }

    private static double NoisyOr(ReadOnlySpan<double> q, ReadOnlySpan<bool> voting, bool all)
    {
        var none = 1.0;
        for (var w = 0; w < q.Length; w++)
        {
            if (all || voting[w])
            {
                none *= 1 - q[w];
            }
        }

        return 1 - none;
    }

    // (sum q^r)^(1/r) scaled by the largest q so that small probabilities do not underflow; capped at 1.
    private static double PNorm(ReadOnlySpan<double> q, ReadOnlySpan<bool> voting, bool all, double r)
    {
        var max = 0.0;
        for (var w = 0; w < q.Length; w++)
        {
            if (all || voting[w])
            {
                max = Math.Max(max, q[w]);
            }
        }

        if (max <= 0)
        {
            return 0;
        }

        double sum = 0;
        for (var w = 0; w < q.Length; w++)
        {
            if (all || voting[w])
            {
                sum += Math.Pow(q[w] / max, r);
            }
        }

        return Math.Min(1, max * Math.Pow(sum, 1 / r));
    }

    // dQ/dq_w for one level, given Q; 0 for windows that do not count.
    private void LevelDerivative(double[] q, ReadOnlySpan<bool> voting, bool all, double atLeast, double[] dq)
    {
        Array.Clear(dq);
        if (_rule == AggregationRule.OrderedNoisyOr)
        {
            // prod over the other windows of (1 - q), by prefix and suffix products (exact when a q is 1).
            var n = q.Length;
            var prefix = new double[n + 1];
            prefix[0] = 1;
            for (var w = 0; w < n; w++)
            {
                prefix[w + 1] = prefix[w] * (all || voting[w] ? 1 - q[w] : 1);
            }

            var suffix = 1.0;
            for (var w = n - 1; w >= 0; w--)
            {
                if (all || voting[w])
                {
                    dq[w] = prefix[w] * suffix;
                    suffix *= 1 - q[w];
                }
            }

            return;
        }

        // p-norm: dS/dq_w = (q_w / S)^(r - 1) while S < 1; the cap at 1 has no gradient.
        var raw = atLeast;
        if (raw >= 1 || raw <= 0)
        {
            return;
        }

        for (var w = 0; w < q.Length; w++)
        {
            if (all || voting[w])
            {
                dq[w] = Math.Pow(q[w] / raw, _exponent - 1);
            }
        }
    }

    // The rule of manifest versions 1 and 2, kept bit for bit for the models they describe.
    private void Hierarchy(ReadOnlySpan<float> windowProbabilities, ReadOnlySpan<bool> voting, Span<float> imageProbabilities)
    {
        var classCount = ClassCount;
        var windows = windowProbabilities.Length / classCount;
        var anyVoting = voting.Contains(true);
        double maxAbnormal = 0, maxDiffShare = 0;
        for (var w = 0; w < windows; w++)
        {
            if (anyVoting && !voting[w])
            {
                continue;
            }

            var p = windowProbabilities.Slice(w * classCount, classCount);
            maxAbnormal = Math.Max(maxAbnormal, p[_abn]);
            var rest = (double)p[_diff] + p[_good];
            if (rest > 0)
            {
                maxDiffShare = Math.Max(maxDiffShare, p[_diff] / rest);
            }
        }

        imageProbabilities[_abn] = (float)maxAbnormal;
        imageProbabilities[_diff] = (float)((1 - maxAbnormal) * maxDiffShare);
        imageProbabilities[_good] = (float)((1 - maxAbnormal) * (1 - maxDiffShare));
    }
}
