using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ColonyQc.Inference.Model;
using ColonyQc.Inference.Scoring;
using ColonyQc.Training.Augmentation;
using ColonyQc.Training.Calibration;
using ColonyQc.Training.Data;
using ColonyQc.Training.Evaluation;
using ColonyQc.Training.Network;
using ColonyQc.Training.Onnx;
using ColonyQc.Training.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ColonyQc.Training;

/// <summary>
/// Trains (or fine-tunes) a ColonyQc model on labelled images and exports one calibrated,
/// self-describing ONNX file: data in through the scoring code, grouped split, class-balanced
/// augmented windows, AdamW with warm-up and cosine decay, early stopping on the validation part's
/// image-level macro-F1 (through the scoring aggregation), temperature and review threshold fitted
/// on validation, quality-gate limits from the training images, and the exported model evaluated
/// in ONNX Runtime (<see cref="OnnxModelScorer"/>). What <c>colonyqc train</c> runs.
/// </summary>
public sealed class ColonyTrainer
{
    private readonly TextWriter _log;
    private readonly IProgress<TrainingProgress>? _progress;

    /// <summary>Creates a trainer that logs to <paramref name="log"/> (null: nowhere) and reports progress to <paramref name="progress"/>.</summary>
    public ColonyTrainer(TextWriter? log = null, IProgress<TrainingProgress>? progress = null)
    {
        _log = log ?? TextWriter.Null;
        _progress = progress;
    }

    /// <summary>
    /// Runs a new training. Cancelling the token stops at the next batch; the last completed epoch's
    /// checkpoint stays in the run folder for <see cref="Resume"/>.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="InvalidDataException">The data set has no usable image, or cannot be split.</exception>
    public TrainingResult Train(TrainingOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var run = RunFolder.Create(options.RunDirectory);
        options = options with
        {
            RunDirectory = run.Path,
            DataPath = Path.GetFullPath(options.DataPath),
            FromModel = options.FromModel is null ? null : Path.GetFullPath(options.FromModel),
            TestDataPath = options.TestDataPath is null ? null : Path.GetFullPath(options.TestDataPath),
            OutputPath = options.OutputPath is null ? null : Path.GetFullPath(options.OutputPath),
        };
        run.WriteArguments(options);
        return Run(options, run, resume: false, cancellationToken);
    }

    /// <summary>Continues an interrupted run from its folder, with the options in its args.json.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder is not a resumable run.</exception>
    public TrainingResult Resume(string runDirectory, CancellationToken cancellationToken = default)
    {
        var run = RunFolder.Open(runDirectory);
        var options = run.ReadArguments().Validate();
        return Run(options, run, resume: true, cancellationToken);
    }

    private static string ToolVersion() =>
        typeof(ColonyTrainer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private TrainingResult Run(TrainingOptions options, RunFolder run, bool resume, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        torch.set_num_threads(options.Threads);
        torch.random.manual_seed(options.Seed);
        Log($"run folder {run.Path}{(resume ? " (resuming)" : string.Empty)}; {options.Threads} threads, seed {options.Seed}");

        ModelManifest? baseManifest = null;
        ColonyNet? imported = null;
        if (options.FromModel is not null)
        {
            (imported, baseManifest) = ColonyNetOnnx.Import(options.FromModel);
            Log($"fine-tuning from {options.FromModel} ({baseManifest.Architecture}; classes {string.Join(", ", baseManifest.ClassNames)})");
        }

        var set = LoadSet(options, baseManifest);
        var config = imported?.Config ?? ColonyNetConfig.Default with { ClassCount = set.ClassNames.Count };
        var net = imported ?? ColonyNet.Create(config);
        if (imported is not null && !SameClasses(baseManifest!.ClassNames, set.ClassNames))
        {
            Log($"new class set {string.Join(", ", set.ClassNames)}: the head is replaced");
            net.ResetClassifier(set.ClassNames.Count);
        }

        var loadTime = Stopwatch.StartNew();
        var loaded = CanonicalImageLoader.Load(set, config.UmPerPixel, options.Scale, options.Threads, cancellationToken);
        Log(string.Create(CultureInfo.InvariantCulture, $"decoded {loaded.Images.Count} images to {config.UmPerPixel} um/px in {loadTime.Elapsed.TotalSeconds:F1} s; {loaded.Bytes / (1024.0 * 1024.0):F0} MB of canonical planes in memory"));
        ReportSkipped(loaded.Skipped);

        var (train, validation, test) = loaded.Split(options.ValidationFraction, options.TestFraction, options.Seed);
        if (validation.Count == 0)
        {
            throw new InvalidDataException($"{options.DataPath}: the validation part is empty: the images form fewer than two groups (give more plates/wells, a group column, or --group-by)");
        }

        Log($"split by group: train {Describe(train, set.ClassNames)}; validation {Describe(validation, set.ClassNames)}; test {Describe(test, set.ClassNames)}");
        if (set.Annotations is null)
        {
            Log("no annotations.csv: every voting window takes its image's label (multiple-instance noise; see docs/training.md)");
        }

        var gate = QualityGateCalibrator.Calibrate(train, config.WindowSize, config.WindowStride, baseManifest?.QualityGate);
        Log(string.Create(CultureInfo.InvariantCulture, $"quality gate from the training part: window texture >= {gate.MinWindowTexture:G4} votes, focus limit {gate.MinFocus:G4}"));

        var state = resume ? run.ReadState() : new TrainerState();
        var history = TrainLoop(options, run, net, set.ClassNames, train, validation, gate, state, resume, cancellationToken, out var cancelled);
        if (cancelled)
        {
            Log($"interrupted; the checkpoint of the last completed epoch is in {run.Path}. Continue with: colonyqc train --resume {run.Path}");
            return new TrainingResult(run.Path, null, null, null, null, null, history, Cancelled: true);
        }

        net.load(run.File(RunFolder.BestFile));
        net.eval();
        var aggregator = WindowAggregator.For(ColonyNetOnnx.CreateManifest(net, set.ClassNames));
        var validationLogits = TorchWindowScorer.Score(net, validation, config.WindowSize, config.WindowStride, gate.MinWindowTexture, CancellationToken.None);
        var temperature = TemperatureScaling.Fit(validationLogits, aggregator);
        var calibrated = validationLogits.Select(v => v.ImageProbabilities(aggregator, temperature)).ToList();
        var confidences = calibrated.Select(p => (double)p.Max()).ToList();
        var correct = calibrated.Select((p, i) => Array.IndexOf(p, p.Max()) == validationLogits[i].Label).ToList();
        var threshold = ReviewThreshold.Choose(confidences, correct, options.ReviewTargetError);
        Log(string.Create(CultureInfo.InvariantCulture, $"temperature {temperature:F3} (validation NLL {TemperatureScaling.NegativeLogLikelihood(validationLogits, aggregator, 1):F4} -> {TemperatureScaling.NegativeLogLikelihood(validationLogits, aggregator, temperature):F4}); review threshold {threshold:F4} for <= {options.ReviewTargetError:P0} error"));

        var bestEpoch = run.ReadState().BestEpoch;
        var manifest = ColonyNetOnnx.CreateManifest(net, set.ClassNames) with
        {
            Temperature = temperature,
            ReviewThreshold = threshold,
            QualityGate = gate,
            Provenance = new TrainingProvenance(
                ToolVersion(),
                DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture),
                DataManifestHash(loaded.Images, set.Source),
                options.Seed,
                history.Count,
                train.Count,
                validation.Count,
                options.FromModel is null ? null : Path.GetFileName(options.FromModel),
                options.Notes),
        };

        var output = options.OutputPath ?? run.File(RunFolder.ModelFile);
        Directory.CreateDirectory(Path.GetDirectoryName(output) ?? ".");
        ColonyNetOnnx.Export(net, manifest, output);

        // Evaluate the exported file through the production scoring path, then attach the figures.
        EvaluationMetrics validationMetrics;
        EvaluationMetrics? heldOutMetrics = null;
        EvaluationMetrics? testMetrics = null;
        using (var scorer = OnnxModelScorer.Load(output, 1))
        {
            validationMetrics = ModelEvaluator.Evaluate(scorer, validation, options.Threads, CancellationToken.None).Metrics;
            if (test.Count > 0)
            {
                heldOutMetrics = ModelEvaluator.Evaluate(scorer, test, options.Threads, CancellationToken.None).Metrics;
            }

            if (options.TestDataPath is not null)
            {
                var testSet = LabelledImageSet.Load(options.TestDataPath, new DataLoadOptions { ClassNames = set.ClassNames });
                var testImages = CanonicalImageLoader.Load(testSet, config.UmPerPixel, options.Scale, options.Threads, CancellationToken.None);
                Log($"test data {testSet.Source}: {testImages.Images.Count} images");
                ReportSkipped(testImages.Skipped);
                testMetrics = ModelEvaluator.Evaluate(scorer, testImages.Images, options.Threads, CancellationToken.None).Metrics;
            }
        }

        var metrics = new Dictionary<string, double>(validationMetrics.ToManifestMetrics("validation"), StringComparer.Ordinal)
        {
            ["train.images"] = train.Count,
            ["train.bestEpoch"] = bestEpoch,
            ["train.seconds"] = Math.Round(total.Elapsed.TotalSeconds),
        };
        foreach (var (key, value) in (heldOutMetrics?.ToManifestMetrics("heldout") ?? new Dictionary<string, double>()).Concat(testMetrics?.ToManifestMetrics("test") ?? new Dictionary<string, double>()))
        {
            metrics[key] = value;
        }

        manifest = manifest with { Metrics = metrics };
        ColonyNetOnnx.Export(net, manifest, output);
        run.WriteText(RunFolder.MetricsFile, JsonSerializer.Serialize(new { validation = validationMetrics, heldout = heldOutMetrics, test = testMetrics }, RunFolder.Json));
        Log(string.Create(CultureInfo.InvariantCulture, $"validation (exported model in ONNX Runtime): macro-F1 {validationMetrics.MacroF1:F4}, accuracy {validationMetrics.Accuracy:F4}, ECE {validationMetrics.EceBeforeTemperature:F4} -> {validationMetrics.EceAfterTemperature:F4}, coverage {validationMetrics.CoverageAtThreshold:P1} at {validationMetrics.AccuracyAtThreshold:P1} accuracy"));
        if (heldOutMetrics is not null)
        {
            Log(string.Create(CultureInfo.InvariantCulture, $"held-out part: macro-F1 {heldOutMetrics.MacroF1:F4}, accuracy {heldOutMetrics.Accuracy:F4}, ECE {heldOutMetrics.EceBeforeTemperature:F4} -> {heldOutMetrics.EceAfterTemperature:F4}"));
        }

        if (testMetrics is not null)
        {
            Log(string.Create(CultureInfo.InvariantCulture, $"test data: macro-F1 {testMetrics.MacroF1:F4}, accuracy {testMetrics.Accuracy:F4}, ECE {testMetrics.EceBeforeTemperature:F4} -> {testMetrics.EceAfterTemperature:F4}"));
        }

        Log(string.Create(CultureInfo.InvariantCulture, $"model written to {output} ({new FileInfo(output).Length / 1024.0:F0} KB) after {total.Elapsed.TotalMinutes:F1} min"));
        net.Dispose();
        return new TrainingResult(run.Path, output, manifest, validationMetrics, heldOutMetrics, testMetrics, history, Cancelled: false);
    }

    private List<EpochSummary> TrainLoop(
        TrainingOptions options,
        RunFolder run,
        ColonyNet net,
        IReadOnlyList<string> classNames,
        List<CanonicalImage> train,
        List<CanonicalImage> validation,
        QualityGateLimits gate,
        TrainerState state,
        bool resume,
        CancellationToken cancellationToken,
        out bool cancelled)
    {
        cancelled = false;
        var config = net.Config;
        var size = config.WindowSize;
        var window = size * size;
        var batchSize = options.BatchSize;
        var sampler = new WindowSampler(train, classNames, size, gate.MinWindowTexture);
        var stepsPerEpoch = Math.Max(1, (int)Math.Ceiling((double)train.Count * options.WindowsPerImage / batchSize));
        var schedule = new LearningRateSchedule(options.LearningRate, (int)Math.Round(options.WarmupEpochs * stepsPerEpoch), options.Epochs * stepsPerEpoch);
        using var optimizer = optim.AdamW(net.parameters(), options.LearningRate, 0.9, 0.999, 1e-8, options.WeightDecay);
        if (resume)
        {
            net.load(run.File(RunFolder.CheckpointFile));
            optimizer.load_state_dict(run.File(RunFolder.OptimizerFile));
            Log($"resumed after epoch {state.CompletedEpochs} (best macro-F1 {state.BestMacroF1:F4} at epoch {state.BestEpoch})");
        }

        var history = state.History.ToList();
        var input = new float[batchSize * window];
        var labels = new long[batchSize];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads };
        var aggregator = WindowAggregator.For(ColonyNetOnnx.CreateManifest(net, classNames));
        for (var epoch = state.CompletedEpochs; epoch < options.Epochs && !state.Stopped; epoch++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                cancelled = true;
                break;
            }

            var clock = Stopwatch.StartNew();
            net.FreezeBackbone(options.FromModel is not null && epoch < options.FreezeEpochs);
            net.train();

            // Dropout draws from torch's generator: re-seeded per epoch so a resumed run matches.
            torch.random.manual_seed(HashCode.Combine(options.Seed, epoch));
            var plan = sampler.Plan(epoch, stepsPerEpoch * batchSize, options.Seed);
            double lossSum = 0;
            long lossCount = 0;
            var step = state.Steps;
            var lr = schedule.At(step);
            for (var b = 0; b < stepsPerEpoch; b++)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    cancelled = true;
                    break;
                }

                Parallel.For(0, batchSize, parallel, k =>
                {
                    var sample = plan[(b * batchSize) + k];
                    var image = train[sample.Image];
                    WindowAugmenter.Extract(image.Pixels, image.Width, image.Height, sample.X, sample.Y, size, options.Augmentation, new Random(sample.AugmentationSeed), input.AsSpan(k * window, window));
                    labels[k] = sample.Label;
                });

                var counted = labels.Count(l => l >= 0);
                lr = schedule.At(step);
                foreach (var group in optimizer.ParamGroups)
                {
                    group.LearningRate = lr;
                }

                if (counted > 0)
                {
                    using var scope = NewDisposeScope();
                    optimizer.zero_grad();
                    var batch = tensor(input, [batchSize, 1, size, size]);
                    var logits = net.call(batch);
                    var loss = SmoothedCrossEntropy.Loss(logits, labels, options.LabelSmoothing);
                    loss.backward();
                    optimizer.step();
                    lossSum += loss.item<float>() * counted;
                    lossCount += counted;
                }

                step++;
                _progress?.Report(new TrainingProgress(epoch + 1, options.Epochs, b + 1, stepsPerEpoch, lossCount == 0 ? 0 : lossSum / lossCount, history.LastOrDefault()));
            }

            if (cancelled)
            {
                break;
            }

            var scores = TorchWindowScorer.Score(net, validation, size, config.WindowStride, gate.MinWindowTexture, CancellationToken.None);
            var confusion = new ConfusionCounts(classNames.Count);
            foreach (var s in scores)
            {
                var p = s.ImageProbabilities(aggregator, 1.0);
                confusion.Add(s.Label, Array.IndexOf(p, p.Max()));
            }

            var validationLoss = TemperatureScaling.NegativeLogLikelihood(scores, aggregator, 1.0);
            var summary = new EpochSummary(epoch + 1, lossCount == 0 ? 0 : lossSum / lossCount, validationLoss, confusion.MacroF1(), confusion.Accuracy(), lr, clock.Elapsed.TotalSeconds);
            history.Add(summary);
            var improved = summary.ValidationMacroF1 > state.BestMacroF1 + 1e-9
                || (Math.Abs(summary.ValidationMacroF1 - state.BestMacroF1) <= 1e-9 && validationLoss < state.BestValidationLoss);
            if (improved)
            {
                RunFolder.WriteAtomically(run.File(RunFolder.BestFile), temp => net.save(temp));
            }

            var withoutImprovement = improved ? 0 : state.EpochsWithoutImprovement + 1;
            state = state with
            {
                CompletedEpochs = epoch + 1,
                Steps = step,
                BestMacroF1 = improved ? summary.ValidationMacroF1 : state.BestMacroF1,
                BestValidationLoss = improved ? validationLoss : state.BestValidationLoss,
                BestEpoch = improved ? epoch + 1 : state.BestEpoch,
                EpochsWithoutImprovement = withoutImprovement,
                Stopped = withoutImprovement >= options.Patience,
                History = history,
            };
            RunFolder.WriteAtomically(run.File(RunFolder.CheckpointFile), temp => net.save(temp));
            RunFolder.WriteAtomically(run.File(RunFolder.OptimizerFile), temp => optimizer.save_state_dict(temp));
            run.WriteState(state);
            _progress?.Report(new TrainingProgress(epoch + 1, options.Epochs, stepsPerEpoch, stepsPerEpoch, summary.TrainLoss, summary));
            if (state.Stopped)
            {
                Log($"early stop: no better validation macro-F1 for {options.Patience} epochs (best {state.BestMacroF1:F4} at epoch {state.BestEpoch})");
            }
        }

        return history;
    }

    private LabelledImageSet LoadSet(TrainingOptions options, ModelManifest? baseManifest)
    {
        var set = LabelledImageSet.Load(options.DataPath, new DataLoadOptions { GroupByPattern = options.GroupByPattern });

        // Same class set as the base model (in any order): keep the model's order so its head is reused.
        if (baseManifest is not null && SameClasses(baseManifest.ClassNames, set.ClassNames))
        {
            set = LabelledImageSet.Load(options.DataPath, new DataLoadOptions { GroupByPattern = options.GroupByPattern, ClassNames = baseManifest.ClassNames });
        }

        var counts = set.ClassNames.Select((c, i) => $"{c} {set.Images.Count(im => im.Label == i)}");
        Log($"data {set.Source}: {set.Images.Count} images ({string.Join(", ", counts)}), {set.Images.Select(i => i.Group).Distinct(StringComparer.Ordinal).Count()} groups{(set.Annotations is null ? string.Empty : ", colony annotations")}");
        return set;
    }

    private void ReportSkipped(IReadOnlyList<SkippedImage> skipped)
    {
        if (skipped.Count == 0)
        {
            return;
        }

        Log($"skipped {skipped.Count} unusable images:");
        foreach (var s in skipped.Take(20))
        {
            Log($"  {s.Path}: {s.Reason}");
        }

        if (skipped.Count > 20)
        {
            Log($"  ... and {skipped.Count - 20} more");
        }
    }

    private static bool SameClasses(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        a.Count == b.Count && a.All(x => b.Contains(x, StringComparer.OrdinalIgnoreCase));

    private static string Describe(List<CanonicalImage> part, IReadOnlyList<string> classNames) =>
        part.Count == 0 ? "none" : $"{part.Count} images in {part.Select(i => i.Group).Distinct(StringComparer.Ordinal).Count()} groups ("
            + string.Join(", ", classNames.Select((c, i) => $"{c} {part.Count(p => p.Label == i)}")) + ")";

    private static string DataManifestHash(IReadOnlyList<CanonicalImage> images, string source)
    {
        var root = Directory.Exists(source) ? source : Path.GetDirectoryName(source) ?? ".";
        var lines = images
            .Select(i => $"{Path.GetRelativePath(root, i.Source.Path).Replace('\\', '/')}\t{i.Label}\t{i.Group}\t{i.Sha256}")
            .Order(StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
    }

    private void Log(string message)
    {
        _log.WriteLine(message);
        _log.Flush();
    }
}
