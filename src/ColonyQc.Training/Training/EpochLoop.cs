using System.Diagnostics;
using ColonyQc.Inference.Model;
using ColonyQc.Inference.Scoring;
using ColonyQc.Training.Calibration;
using ColonyQc.Training.Data;
using ColonyQc.Training.Evaluation;
using ColonyQc.Training.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace ColonyQc.Training.Training;

/// <summary>
/// The epochs of one training run: each step takes a class-balanced batch of whole images, cuts every
/// image into its (augmented) windows, runs them through the network, and minimises the
/// multiple-instance loss on the images' aggregated predictions (<see cref="MultipleInstanceLoss"/>),
/// plus a window-level cross-entropy on windows that colony annotations label. After each epoch the
/// validation part is scored through the same aggregation; the best epoch is kept, early stopping
/// ends the run, and a checkpoint makes it resumable.
/// </summary>
internal sealed class EpochLoop
{
    private const double MaxGradientNorm = 5.0;

    private readonly TrainingOptions _options;
    private readonly RunFolder _run;
    private readonly ColonyNet _net;
    private readonly WindowAggregator _aggregator;
    private readonly WindowLabeler _labeler;
    private readonly Action<string> _log;
    private readonly IProgress<TrainingProgress>? _progress;

    public EpochLoop(TrainingOptions options, RunFolder run, ColonyNet net, WindowAggregator aggregator, IReadOnlyList<int> severities, Action<string> log, IProgress<TrainingProgress>? progress)
    {
        _options = options;
        _run = run;
        _net = net;
        _aggregator = aggregator;
        _labeler = new WindowLabeler(severities);
        _log = log;
        _progress = progress;
    }

    /// <summary>Runs the epochs from <paramref name="state"/> on; returns the history and whether the token cancelled the run.</summary>
    public (List<EpochSummary> History, bool Cancelled) Run(
        IReadOnlyList<CanonicalImage> train,
        IReadOnlyList<CanonicalImage> validation,
        QualityGateLimits gate,
        TrainerState state,
        bool resume,
        CancellationToken cancellationToken)
    {
        var options = _options;
        var config = _net.Config;
        var size = config.WindowSize;
        var window = size * size;
        var imagesPerStep = Math.Min(options.BatchSize, train.Count);
        var stepsPerEpoch = Math.Max(1, (int)Math.Ceiling((double)train.Count / imagesPerStep));
        var schedule = new LearningRateSchedule(options.LearningRate, (int)Math.Round(options.WarmupEpochs * stepsPerEpoch), options.Epochs * stepsPerEpoch);
        using var optimizer = optim.AdamW(_net.parameters(), options.LearningRate, 0.9, 0.999, 1e-8, options.WeightDecay);
        if (resume)
        {
            _net.load(_run.File(RunFolder.CheckpointFile));
            optimizer.load_state_dict(_run.File(RunFolder.OptimizerFile));
            _log($"resumed after epoch {state.CompletedEpochs} (best macro-F1 {state.BestMacroF1:F4} at epoch {state.BestEpoch})");
        }

        var byClass = Enumerable.Range(0, _aggregator.ClassCount)
            .Select(c => Enumerable.Range(0, train.Count).Where(i => train[i].Label == c).ToArray())
            .Where(list => list.Length > 0)
            .ToArray();
        var history = state.History.ToList();
        var cap = options.MaxWindowsPerImage;
        var input = new float[imagesPerStep * cap * window];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads };
        var cancelled = false;
        for (var epoch = state.CompletedEpochs; epoch < options.Epochs && !state.Stopped; epoch++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                cancelled = true;
                break;
            }

            var clock = Stopwatch.StartNew();
            _net.FreezeBackbone(options.FromModel is not null && epoch < options.FreezeEpochs);
            _net.train();

            // Dropout draws from torch's generator: re-seeded per epoch so a resumed run matches.
            torch.random.manual_seed(StableSeed.Mix(options.Seed, epoch));
            var random = new Random(StableSeed.Mix(options.Seed, epoch, 0x3A17));
            double lossSum = 0;
            var lossCount = 0;
            var step = state.Steps;
            var lr = schedule.At(step);
            for (var b = 0; b < stepsPerEpoch; b++)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    cancelled = true;
                    break;
                }

                // Class-balanced: a class uniformly among those present, then one of its images.
                var picks = new int[imagesPerStep];
                var seeds = new int[imagesPerStep];
                for (var k = 0; k < imagesPerStep; k++)
                {
                    var images = byClass[random.Next(byClass.Length)];
                    picks[k] = images[random.Next(images.Length)];
                    seeds[k] = random.Next();
                }

                var parts = new ImageInstances.Result[imagesPerStep];
                Parallel.For(0, imagesPerStep, parallel, k =>
                {
                    var slice = input.AsSpan(k * cap * window, cap * window);
                    parts[k] = ImageInstances.Write(train[picks[k]], size, config.WindowStride, cap, options.Augmentation, gate.MinWindowTexture, _labeler, new Random(seeds[k]), slice);
                });

                lr = schedule.At(step);
                foreach (var group in optimizer.ParamGroups)
                {
                    group.LearningRate = lr;
                }

                lossSum += Step(optimizer, input, parts, picks, train, size, cap);
                lossCount++;
                step++;
                _progress?.Report(new TrainingProgress(epoch + 1, options.Epochs, b + 1, stepsPerEpoch, lossSum / lossCount, history.LastOrDefault()));
            }

            if (cancelled)
            {
                break;
            }

            var summary = Validate(validation, gate, epoch + 1, lossCount == 0 ? 0 : lossSum / lossCount, lr, clock);
            history.Add(summary);
            state = Record(state, summary, epoch, step, history, optimizer);
            _progress?.Report(new TrainingProgress(epoch + 1, options.Epochs, stepsPerEpoch, stepsPerEpoch, summary.TrainLoss, summary));
            if (state.Stopped)
            {
                _log($"early stop: no better validation result for {options.Patience} epochs (best macro-F1 {state.BestMacroF1:F4} at epoch {state.BestEpoch})");
            }
        }

        return (history, cancelled);
    }

    // One optimisation step over the images' windows; returns the step's loss.
    private double Step(TorchSharp.Modules.AdamW optimizer, float[] input, ImageInstances.Result[] parts, int[] picks, IReadOnlyList<CanonicalImage> train, int size, int cap)
    {
        var window = size * size;
        var total = parts.Sum(p => p.Count);
        var packed = new float[total * window];
        var images = new List<MultipleInstanceLoss.Image>(parts.Length);
        var windowLabels = new long[total];
        var offset = 0;
        for (var k = 0; k < parts.Length; k++)
        {
            input.AsSpan(k * cap * window, parts[k].Count * window).CopyTo(packed.AsSpan(offset * window));
            images.Add(new MultipleInstanceLoss.Image(offset, parts[k].Count, parts[k].Voting, train[picks[k]].Label));
            for (var w = 0; w < parts[k].Count; w++)
            {
                windowLabels[offset + w] = parts[k].Labels[w];
            }

            offset += parts[k].Count;
        }

        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var batch = tensor(packed, [total, 1, size, size]);
        var logits = _net.call(batch);
        var (surrogate, imageLoss) = MultipleInstanceLoss.Compute(logits, images, _aggregator, _options.LabelSmoothing);
        var loss = surrogate;
        var annotated = windowLabels.Count(l => l >= 0);
        var windowLoss = 0.0;
        if (annotated > 0 && _options.WindowLossWeight > 0)
        {
            var ce = SmoothedCrossEntropy.Loss(logits, windowLabels, _options.LabelSmoothing);
            windowLoss = ce.item<float>();
            loss = loss + (ce * _options.WindowLossWeight);
        }

        loss.backward();

        // A step whose windows are unlike the rest (a nearly empty field, a rare artefact) must not throw the
        // batch norms and weights far off: the gradient's global norm is capped.
        nn.utils.clip_grad_norm_(_net.parameters(), MaxGradientNorm);
        optimizer.step();
        return imageLoss + (_options.WindowLossWeight * windowLoss);
    }

    private EpochSummary Validate(IReadOnlyList<CanonicalImage> validation, QualityGateLimits gate, int epoch, double trainLoss, double lr, Stopwatch clock)
    {
        var config = _net.Config;
        var scores = TorchWindowScorer.Score(_net, validation, config.WindowSize, config.WindowStride, gate.MinWindowTexture, CancellationToken.None);
        var confusion = new ConfusionCounts(_aggregator.ClassCount);
        foreach (var s in scores)
        {
            var p = s.ImageProbabilities(_aggregator, 1.0);
            confusion.Add(s.Label, WindowAggregator.ArgMax(p));
        }

        var validationLoss = TemperatureScaling.NegativeLogLikelihood(scores, _aggregator, 1.0);
        return new EpochSummary(epoch, trainLoss, validationLoss, confusion.MacroF1(), confusion.Accuracy(), lr, clock.Elapsed.TotalSeconds);
    }

    private TrainerState Record(TrainerState state, EpochSummary summary, int epoch, int step, List<EpochSummary> history, TorchSharp.Modules.AdamW optimizer)
    {
        var improved = summary.ValidationMacroF1 > state.BestMacroF1 + 1e-9
            || (Math.Abs(summary.ValidationMacroF1 - state.BestMacroF1) <= 1e-9 && summary.ValidationLoss < state.BestValidationLoss);
        if (improved)
        {
            RunFolder.WriteAtomically(_run.File(RunFolder.BestFile), temp => _net.save(temp));
        }

        var withoutImprovement = improved ? 0 : state.EpochsWithoutImprovement + 1;
        state = state with
        {
            CompletedEpochs = epoch + 1,
            Steps = step,
            BestMacroF1 = improved ? summary.ValidationMacroF1 : state.BestMacroF1,
            BestValidationLoss = improved ? summary.ValidationLoss : state.BestValidationLoss,
            BestEpoch = improved ? epoch + 1 : state.BestEpoch,
            EpochsWithoutImprovement = withoutImprovement,
            Stopped = withoutImprovement >= _options.Patience,
            History = history,
        };
        RunFolder.WriteAtomically(_run.File(RunFolder.CheckpointFile), temp => _net.save(temp));
        RunFolder.WriteAtomically(_run.File(RunFolder.OptimizerFile), temp => optimizer.save_state_dict(temp));
        _run.WriteState(state);
        return state;
    }
}
