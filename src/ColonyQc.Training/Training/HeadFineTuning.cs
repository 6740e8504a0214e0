using System.Globalization;
using ColonyQc.Inference.Scoring;
using ColonyQc.Training.Calibration;
using ColonyQc.Training.Data;
using ColonyQc.Training.Evaluation;

namespace ColonyQc.Training.Training;

/// <summary>
/// Fine-tuning for a lab's few labelled images: the base model's backbone stays as it is, its window
/// features are computed once per image and view (<see cref="FeatureCache"/>), and only the head is
/// trained with the multiple-instance loss. Every choice that needs held-out data (how many epochs,
/// the temperature, the review threshold) is made by grouped k-fold cross-fitting over all the labelled
/// images: each image is scored by a head that never saw its group, so even 5 images per class give an
/// honest validation; the final head is then trained on all images for the chosen number of epochs.
/// </summary>
internal sealed class HeadFineTuning
{
    private readonly Action<string> _log;

    public HeadFineTuning(Action<string> log) => _log = log;

    /// <summary>What cross-fitting decided and the final head.</summary>
    /// <param name="Head">The head trained on every image.</param>
    /// <param name="Epochs">Epochs chosen by the out-of-fold loss.</param>
    /// <param name="Temperature">Softmax temperature fitted on the out-of-fold predictions.</param>
    /// <param name="OutOfFold">Out-of-fold window logits of every image at the chosen epoch count.</param>
    /// <param name="Folds">Folds used.</param>
    /// <param name="History">Per recorded epoch count: out-of-fold macro-F1 and NLL (after temperature).</param>
    public sealed record Result(HeadTrainer.Head Head, int Epochs, double Temperature, List<WindowLogitSet> OutOfFold, int Folds, List<EpochSummary> History);

    /// <summary>
    /// Cross-fits and trains a head on <paramref name="backbone"/>'s features of <paramref name="images"/>, starting
    /// from <paramref name="start"/> (the base model's head when its classes are kept).
    /// </summary>
    public Result Run(IWindowFeatures backbone, int windowSize, int windowStride, HeadTrainer.Head start, IReadOnlyList<CanonicalImage> images, WindowAggregator aggregator, double minWindowTexture, TrainingOptions options, CancellationToken cancellationToken)
    {
        var classes = aggregator.ClassCount;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var cache = FeatureCache.Build(backbone, windowSize, windowStride, images, options.FeatureViews, options.Augmentation, minWindowTexture, options.MaxWindowsPerImage, options.Seed, cancellationToken);
        _log(string.Create(CultureInfo.InvariantCulture, $"backbone features of {images.Count} images x {options.FeatureViews} views (1 as scored, {options.FeatureViews - 1} augmented) in {clock.Elapsed.TotalSeconds:F0} s; only the head is trained"));

        var labels = images.Select(i => i.Label).ToList();
        var groups = images.Select(i => i.Group).ToList();
        var groupCount = groups.Distinct(StringComparer.Ordinal).Count();
        var folds = Math.Min(options.CrossFitFolds, groupCount);
        if (folds < 2)
        {
            throw new InvalidDataException($"{options.DataPath}: the images form {groupCount} group(s); cross-fitting needs at least 2 (give a group column, --group-by, or more wells)");
        }

        var fold = GroupedFolds.Assign(groups, labels, folds, options.Seed);
        var trainer = new HeadTrainer(cache, aggregator, new HeadTrainingOptions(options.HeadLearningRate, options.WeightDecay, Math.Max(1, options.BatchSize), options.LabelSmoothing));
        var checkpoints = Enumerable.Range(1, options.HeadEpochs / CheckpointEvery).Select(k => k * CheckpointEvery).ToArray();
        if (checkpoints.Length == 0)
        {
            checkpoints = [options.HeadEpochs];
        }

        // Out-of-fold logits per recorded epoch count.
        var outOfFold = checkpoints.ToDictionary(e => e, _ => new WindowLogitSet[images.Count]);
        for (var f = 0; f < folds; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var inFold = Enumerable.Range(0, images.Count).Where(i => fold[i] == f).ToList();
            var rest = Enumerable.Range(0, images.Count).Where(i => fold[i] != f).ToList();
            trainer.Train(rest, rest.Select(i => labels[i]).ToList(), checkpoints[^1], checkpoints[^1], start, StableSeed.Mix(options.Seed, f, 0x4F1D), (epoch, head) =>
            {
                if (outOfFold.TryGetValue(epoch, out var sets))
                {
                    var scored = trainer.Score(head, inFold, inFold.Select(i => labels[i]).ToList());
                    for (var k = 0; k < inFold.Count; k++)
                    {
                        sets[inFold[k]] = scored[k];
                    }
                }
            });
        }

        var history = new List<EpochSummary>();
        var best = checkpoints[0];
        var bestLoss = double.MaxValue;
        foreach (var epochs in checkpoints)
        {
            var sets = outOfFold[epochs];
            var t = TemperatureScaling.Fit(sets, aggregator);
            var nll = TemperatureScaling.NegativeLogLikelihood(sets, aggregator, t);
            var confusion = new ConfusionCounts(classes);
            foreach (var s in sets)
            {
                confusion.Add(s.Label, WindowAggregator.ArgMax(s.ImageProbabilities(aggregator, t)));
            }

            history.Add(new EpochSummary(epochs, 0, nll, confusion.MacroF1(), confusion.Accuracy(), options.HeadLearningRate, clock.Elapsed.TotalSeconds));
            _log(string.Create(CultureInfo.InvariantCulture, $"  {epochs,3} epochs: out-of-fold macro-F1 {confusion.MacroF1():F3}, NLL {nll:F4} (T {t:F2})"));
            if (nll < bestLoss - 1e-9)
            {
                bestLoss = nll;
                best = epochs;
            }
        }

        var chosen = outOfFold[best].ToList();
        var temperature = TemperatureScaling.Fit(chosen, aggregator);
        _log($"{folds}-fold grouped cross-fitting chose {best} epochs (lowest out-of-fold NLL); final head trained on all {images.Count} images");
        var final = trainer.Train(Enumerable.Range(0, images.Count).ToList(), labels, best, checkpoints[^1], start, options.Seed);
        return new Result(final, best, temperature, chosen, folds, history);
    }

    /// <summary>Epoch counts at which cross-fitting records the out-of-fold predictions.</summary>
    public const int CheckpointEvery = 5;

    /// <summary>The head to start from: <paramref name="weight"/>/<paramref name="bias"/> when they are for <paramref name="classes"/> classes, else a small random one.</summary>
    public static HeadTrainer.Head StartingHead(float[]? weight, float[]? bias, int classes, int featureChannels, int seed)
    {
        if (weight is not null && bias is not null && bias.Length == classes && weight.Length == classes * featureChannels)
        {
            return new HeadTrainer.Head(weight, bias);
        }

        var random = new Random(seed);
        var scale = 1 / Math.Sqrt(featureChannels);
        return new HeadTrainer.Head(Enumerable.Range(0, classes * featureChannels).Select(_ => (float)(((2 * random.NextDouble()) - 1) * scale)).ToArray(), new float[classes]);
    }
}
