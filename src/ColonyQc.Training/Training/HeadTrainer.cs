using ColonyQc.Inference.Scoring;
using ColonyQc.Training.Calibration;
using TorchSharp;
using static TorchSharp.torch;

namespace ColonyQc.Training.Training;

/// <summary>
/// Trains a classifier head (one linear layer on the pooled window features) on a
/// <see cref="FeatureCache"/> with the multiple-instance loss: the fine-tuning that works with a few
/// labelled images per class. Each epoch visits every training image once (class-balanced order) with
/// one of its augmented views; the backbone is not run again.
/// </summary>
internal sealed class HeadTrainer
{
    private readonly FeatureCache _cache;
    private readonly WindowAggregator _aggregator;
    private readonly HeadTrainingOptions _options;

    // Per-feature mean and standard deviation over every cached window (no labels involved): the head is
    // trained on standardised features, which a linear head on a pretrained trunk needs to converge evenly,
    // and folded back into raw-feature weights for the exported graph.
    private readonly float[] _mean;
    private readonly float[] _std;

    public HeadTrainer(FeatureCache cache, WindowAggregator aggregator, HeadTrainingOptions options)
    {
        _cache = cache;
        _aggregator = aggregator;
        _options = options;
        (_mean, _std) = Moments(cache);
    }

    /// <summary>A trained head: weight (classes x features, row-major) and bias.</summary>
    public sealed record Head(float[] Weight, float[] Bias)
    {
        /// <summary>The logits of one view's windows under this head.</summary>
        public float[] Logits(FeatureCache.View view, int featureChannels)
        {
            var classes = Bias.Length;
            var logits = new float[view.Windows * classes];
            for (var w = 0; w < view.Windows; w++)
            {
                var f = view.Features.AsSpan(w * featureChannels, featureChannels);
                for (var c = 0; c < classes; c++)
                {
                    var sum = (double)Bias[c];
                    var row = Weight.AsSpan(c * featureChannels, featureChannels);
                    for (var k = 0; k < featureChannels; k++)
                    {
                        sum += row[k] * f[k];
                    }

                    logits[(w * classes) + c] = (float)sum;
                }
            }

            return logits;
        }
    }

    /// <summary>
    /// Trains on <paramref name="train"/> (image indices into the cache, with their labels) for
    /// <paramref name="epochs"/> full-batch steps from <paramref name="start"/>; after each step
    /// <paramref name="afterEpoch"/> sees the head so far.
    /// </summary>
    /// <remarks>
    /// Every step sees every training image in every augmented view (a bag of windows each), weighted so each
    /// class counts alike: with a few dozen images the features fit in memory many times over, and a
    /// deterministic full batch makes the out-of-fold curve smooth enough to choose the step count on.
    /// The learning rate decays on a cosine over <paramref name="scheduleEpochs"/> steps (at least
    /// <paramref name="epochs"/>): cross-fitting records its checkpoints along one such schedule, and the final
    /// head stops at the chosen step of the same schedule.
    /// </remarks>
    public Head Train(IReadOnlyList<int> train, IReadOnlyList<int> labels, int epochs, int scheduleEpochs, Head start, int seed, Action<int, Head>? afterEpoch = null)
    {
        var classes = _aggregator.ClassCount;
        var d = _cache.FeatureChannels;
        var perClass = Enumerable.Range(0, classes).Select(c => labels.Count(l => l == c)).ToArray();
        var bags = new List<MultipleInstanceLoss.Image>();
        var rows = new List<float>();
        var windows = 0;
        for (var i = 0; i < train.Count; i++)
        {
            var views = _cache.Views[train[i]];
            var first = views.Length == 1 ? 0 : 1;
            for (var v = first; v < views.Length; v++)
            {
                var view = views[v];
                bags.Add(new MultipleInstanceLoss.Image(windows, view.Windows, view.Voting, labels[i], 1.0 / (perClass[labels[i]] * (views.Length - first))));
                rows.AddRange(view.Features);
                windows += view.Windows;
            }
        }

        var (w0, b0) = ToStandardised(start);
        using var weight = nn.Parameter(tensor(w0, [classes, d]));
        using var bias = nn.Parameter(tensor(b0, [classes]));
        using var optimizer = optim.AdamW([weight, bias], _options.LearningRate, 0.9, 0.999, 1e-8, _options.WeightDecay);
        using var raw = tensor(rows.ToArray(), [windows, d]);
        using var mean = tensor(_mean, [1, d]);
        using var std = tensor(_std, [1, d]);
        using var standardised = (raw - mean) / std;
        torch.random.manual_seed(seed);
        var schedule = Math.Max(epochs, scheduleEpochs);
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            var lr = _options.LearningRate * (0.05 + (0.95 * 0.5 * (1 + Math.Cos(Math.PI * epoch / schedule))));
            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = lr;
            }

            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var features = _options.FeatureDropout > 0 ? nn.functional.dropout(standardised, _options.FeatureDropout, training: true) : standardised;
            var logits = features.matmul(weight.t()) + bias;
            var (surrogate, _) = MultipleInstanceLoss.Compute(logits, bags, _aggregator, _options.LabelSmoothing);
            surrogate.backward();
            optimizer.step();
            afterEpoch?.Invoke(epoch + 1, ToRaw(weight, bias));
        }

        return ToRaw(weight, bias);
    }

    /// <summary>Window logits of view 0 (as scoring sees the image) of each of <paramref name="images"/>.</summary>
    public List<WindowLogitSet> Score(Head head, IReadOnlyList<int> images, IReadOnlyList<int> labels) =>
        images.Select((image, i) => new WindowLogitSet(head.Logits(_cache.Views[image][0], _cache.FeatureChannels), _cache.Views[image][0].Voting, labels[i])).ToList();

    private static (float[] Mean, float[] Std) Moments(FeatureCache cache)
    {
        var d = cache.FeatureChannels;
        var sum = new double[d];
        var squares = new double[d];
        long n = 0;
        foreach (var view in cache.Views.SelectMany(v => v))
        {
            for (var w = 0; w < view.Windows; w++)
            {
                for (var k = 0; k < d; k++)
                {
                    double f = view.Features[(w * d) + k];
                    sum[k] += f;
                    squares[k] += f * f;
                }
            }

            n += view.Windows;
        }

        var mean = new float[d];
        var std = new float[d];
        for (var k = 0; k < d; k++)
        {
            var m = sum[k] / Math.Max(1, n);
            mean[k] = (float)m;
            std[k] = (float)Math.Max(1e-4, Math.Sqrt(Math.Max(0, (squares[k] / Math.Max(1, n)) - (m * m))));
        }

        return (mean, std);
    }

    // Raw-feature head (w, b) to the standardised space: w' = w * std, b' = b + w . mean.
    private (float[] Weight, float[] Bias) ToStandardised(Head head)
    {
        var d = _cache.FeatureChannels;
        var weight = new float[head.Weight.Length];
        var bias = (float[])head.Bias.Clone();
        for (var c = 0; c < bias.Length; c++)
        {
            double shift = 0;
            for (var k = 0; k < d; k++)
            {
                weight[(c * d) + k] = head.Weight[(c * d) + k] * _std[k];
                shift += head.Weight[(c * d) + k] * _mean[k];
            }

            bias[c] += (float)shift;
        }

        return (weight, bias);
    }

    // Back to raw features for the graph: w = w' / std, b = b' - w' . (mean / std).
    private Head ToRaw(Tensor weight, Tensor bias)
    {
        using var w = weight.detach().contiguous();
        using var b = bias.detach().contiguous();
        var ws = w.data<float>().ToArray();
        var bs = b.data<float>().ToArray();
        var d = _cache.FeatureChannels;
        for (var c = 0; c < bs.Length; c++)
        {
            double shift = 0;
            for (var k = 0; k < d; k++)
            {
                var v = ws[(c * d) + k];
                shift += v * _mean[k] / _std[k];
                ws[(c * d) + k] = v / _std[k];
            }

            bs[c] -= (float)shift;
        }

        return new Head(ws, bs);
    }
}

/// <summary>How a head is trained on cached features.</summary>
/// <param name="LearningRate">AdamW learning rate (constant).</param>
/// <param name="WeightDecay">AdamW decoupled weight decay.</param>
/// <param name="ImagesPerStep">Images per optimisation step.</param>
/// <param name="LabelSmoothing">Label smoothing of the image loss.</param>
/// <param name="FeatureDropout">Dropout on the features during training.</param>
internal sealed record HeadTrainingOptions(double LearningRate = 1e-2, double WeightDecay = 1e-2, int ImagesPerStep = 8, double LabelSmoothing = 0.05, double FeatureDropout = 0.2);
