using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ColonyQc.Inference.Model;
using ColonyQc.Inference.Scoring;
using ColonyQc.Training.Calibration;
using ColonyQc.Training.Data;
using ColonyQc.Training.Evaluation;
using ColonyQc.Training.Network;
using ColonyQc.Training.Onnx;
using ColonyQc.Training.Onnx.Protos;
using ColonyQc.Training.Training;
using TorchSharp;

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

        // Three ways to a model: head fine-tuning of a base model (any family), a head on the ImageNet
        // ResNet-18 trunk, or training every layer of a ColonyNet (from scratch or from a base model).
        var headOnly = (options.FromModel is not null && options.FineTune == FineTuneMode.Head)
            || (options.FromModel is null && options.Backbone == Backbone.ResNet18);
        ModelManifest? baseManifest = null;
        ModelProto? baseModel = null;
        ColonyNet? net = null;
        if (options.FromModel is not null)
        {
            if (headOnly)
            {
                baseModel = OnnxModelReader.Read(options.FromModel);
                baseManifest = ManifestStamp.ManifestOf(baseModel, options.FromModel);
            }
            else
            {
                (net, baseManifest) = ColonyNetOnnx.Import(options.FromModel);
            }

            Log($"fine-tuning from {options.FromModel} ({baseManifest.Architecture.Split(';')[0]}, classes {string.Join(", ", baseManifest.ClassNames)}): {(headOnly ? "the head only, on the base model's window features" : "every layer")}");
        }

        var set = LoadSet(options, baseManifest);
        var severities = ClassSeverities.Resolve(set.ClassNames, baseManifest, options.Severities);
        var aggregation = options.Aggregation;
        var aggregator = new WindowAggregator(severities, aggregation);

        // The window geometry: the base model's, the pretrained trunk's, or the network to train.
        var config = (options.Network ?? new NetworkOverrides()).Apply(ColonyNetConfig.Default) with { ClassCount = set.ClassNames.Count };
        var trunk = (options.Network ?? new NetworkOverrides()).ForImageNetTrunk();
        if (net is not null)
        {
            config = net.Config;
            if (!SameClasses(baseManifest!.ClassNames, set.ClassNames))
            {
                Log($"new class set {string.Join(", ", set.ClassNames)}: the head is replaced");
                net.ResetClassifier(set.ClassNames.Count);
            }
        }
        else if (baseManifest is not null)
        {
            config = config with { WindowSize = baseManifest.WindowSize, WindowStride = baseManifest.WindowStride, UmPerPixel = baseManifest.UmPerPixel };
        }
        else if (options.Backbone == Backbone.ResNet18)
        {
            config = config with { WindowSize = trunk.WindowSize, WindowStride = trunk.WindowStride, UmPerPixel = trunk.UmPerPixel };
        }
        else
        {
            net = ColonyNet.Create(config);
        }

        Log($"class severities {string.Join(", ", set.ClassNames.Select((c, i) => $"{c}={severities[i]}"))}; image label by {aggregation.Rule}{(aggregation.Rule == AggregationRule.OrderedPNorm ? string.Create(CultureInfo.InvariantCulture, $" (r = {aggregation.Exponent})") : string.Empty)} over windows of {config.WindowSize * config.UmPerPixel:0} um");

        var loadTime = Stopwatch.StartNew();
        var loaded = CanonicalImageLoader.Load(set, config.UmPerPixel, options.Scale, options.Threads, cancellationToken);
        Log(string.Create(CultureInfo.InvariantCulture, $"decoded {loaded.Images.Count} images to {config.UmPerPixel} um/px in {loadTime.Elapsed.TotalSeconds:F1} s; {loaded.Bytes / (1024.0 * 1024.0):F0} MB of canonical planes in memory"));
        ReportSkipped(loaded.Skipped);

        var (train, validation, test) = headOnly
            ? SplitForCrossFitting(loaded, options)
            : loaded.Split(options.ValidationFraction, options.TestFraction, options.Seed);
        if (validation.Count == 0 && !headOnly)
        {
            throw new InvalidDataException($"{options.DataPath}: the validation part is empty: the images form fewer than two groups (give more plates/wells, a group column, or --group-by)");
        }

        Log(headOnly
            ? $"images for cross-fitting: {Describe(train, set.ClassNames)}; test {Describe(test, set.ClassNames)}"
            : $"split by group: train {Describe(train, set.ClassNames)}; validation {Describe(validation, set.ClassNames)}; test {Describe(test, set.ClassNames)}");
        if (!headOnly)
        {
            Log(set.Annotations is null
                ? "no annotations.csv: the network learns from image labels alone (multiple-instance loss on the aggregated windows)"
                : "colony annotations: windows they label add a window-level loss beside the image-level one");
        }

        var gate = QualityGateCalibrator.Calibrate(train, config.WindowSize, config.WindowStride, baseManifest?.QualityGate);
        Log(string.Create(CultureInfo.InvariantCulture, $"quality gate from the training part: window texture >= {gate.MinWindowTexture:G4} votes, focus limit {gate.MinFocus:G4}"));

        List<EpochSummary> history;
        List<WindowLogitSet> validationLogits;
        double temperature;
        int bestEpoch;
        ModelManifest manifest;
        Action<ModelManifest, string> export;
        if (headOnly)
        {
            if (baseModel is null)
            {
                var stages = trunk.Stages;
                var d = ImageNetResNet18.FeatureChannels(stages);
                baseManifest = new ModelManifest
                {
                    Architecture = ImageNetResNet18.Architecture(stages, set.ClassNames.Count),
                    ClassNames = set.ClassNames,
                    WindowSize = config.WindowSize,
                    WindowStride = config.WindowStride,
                    UmPerPixel = config.UmPerPixel,
                    Normalization = new InputNormalization(),
                };
                baseModel = ImageNetResNet18.Build(ImageNetResNet18.LocatePackagedFile(), stages, config.WindowSize, new float[set.ClassNames.Count * d], new float[set.ClassNames.Count], baseManifest);
                Log($"backbone: the ImageNet-trained ResNet-18 of Microsoft.ML.DnnImageFeaturizer.ResNet18 (MIT), {stages} stages, {d} features per {config.WindowSize} px window");
            }

            var head = OnnxHead.Open(baseModel, baseManifest!, options.FromModel ?? ImageNetResNet18.PackagedFile);
            var start = HeadFineTuning.StartingHead(head.Weight, head.Bias, set.ClassNames.Count, head.FeatureChannels, options.Seed);
            using var backbone = new OnnxWindowFeatures(head.ModelBytes(), baseManifest!.InputName, head.FeaturesOutput, head.FeatureChannels, options.Threads);
            var tuned = new HeadFineTuning(Log).Run(backbone, config.WindowSize, config.WindowStride, start, train, aggregator, gate.MinWindowTexture, options, cancellationToken);
            history = tuned.History;
            validationLogits = tuned.OutOfFold;
            temperature = tuned.Temperature;
            bestEpoch = tuned.Epochs;
            run.WriteHistory(history);
            manifest = baseManifest with
            {
                FormatVersion = ModelManifest.CurrentFormatVersion,
                Architecture = ReplaceClassCount(baseManifest.Architecture, set.ClassNames.Count),
                ClassNames = set.ClassNames.ToArray(),
                FeaturesOutputName = head.FeaturesOutput,
                Metrics = new Dictionary<string, double>(),
            };
            export = (m, path) => OnnxModelWriter.Write(head.WithHead(tuned.Head.Weight, tuned.Head.Bias, m), path);
        }
        else
        {
            var state = resume ? run.ReadState() : new TrainerState();
            var loop = new EpochLoop(options, run, net!, aggregator, severities, Log, _progress);
            (history, var cancelled) = loop.Run(train, validation, gate, state, resume, cancellationToken);
            if (cancelled)
            {
                Log($"interrupted; the checkpoint of the last completed epoch is in {run.Path}. Continue with: colonyqc train --resume {run.Path}");
                return new TrainingResult(run.Path, null, null, null, null, null, history, Cancelled: true);
            }

            net!.load(run.File(RunFolder.BestFile));
            net.eval();
            validationLogits = TorchWindowScorer.Score(net, validation, config.WindowSize, config.WindowStride, gate.MinWindowTexture, CancellationToken.None);
            temperature = TemperatureScaling.Fit(validationLogits, aggregator);
            bestEpoch = run.ReadState().BestEpoch;
            manifest = ColonyNetOnnx.CreateManifest(net, set.ClassNames);
            export = (m, path) => ColonyNetOnnx.Export(net, m, path);
        }

        var calibrated = validationLogits.Select(v => v.ImageProbabilities(aggregator, temperature)).ToList();
        var confidences = calibrated.Select(p => (double)p.Max()).ToList();
        var correct = calibrated.Select((p, i) => WindowAggregator.ArgMax(p) == validationLogits[i].Label).ToList();
        var threshold = ReviewThreshold.Choose(confidences, correct, options.ReviewTargetError);
        var what = headOnly ? "out-of-fold" : "validation";
        Log(string.Create(CultureInfo.InvariantCulture, $"temperature {temperature:F3} ({what} NLL {TemperatureScaling.NegativeLogLikelihood(validationLogits, aggregator, 1):F4} -> {TemperatureScaling.NegativeLogLikelihood(validationLogits, aggregator, temperature):F4}); review threshold {threshold:F4} for <= {options.ReviewTargetError:P0} error"));
        var warnings = SmallDataWarnings.For(validationLogits, set.ClassNames, threshold, headOnly);
        foreach (var warning in warnings)
        {
            Log("WARNING: " + warning);
        }

        run.WriteText(RunFolder.WarningsFile, string.Concat(warnings.Select(w => w + Environment.NewLine)));

        manifest = manifest with
        {
            ClassSeverities = severities,
            Aggregation = aggregation,
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
                headOnly ? train.Count : validation.Count,
                options.FromModel is null ? null : Path.GetFileName(options.FromModel),
                options.Notes),
        };

        var output = options.OutputPath ?? run.File(RunFolder.ModelFile);
        Directory.CreateDirectory(Path.GetDirectoryName(output) ?? ".");
        export(manifest, output);

        // Evaluate the exported file through the production scoring path, then attach the figures.
        EvaluationMetrics validationMetrics;
        EvaluationMetrics? heldOutMetrics = null;
        EvaluationMetrics? testMetrics = null;
        using (var scorer = OnnxModelScorer.Load(output, 1))
        {
            validationMetrics = headOnly
                ? MetricsCalculator.Compute(set.ClassNames, validationLogits.Select((v, i) => new ScoredImage(train[i].Source.Path, v.Label, v.ImageProbabilities(aggregator, temperature), v.ImageProbabilities(aggregator, 1.0))).ToList(), temperature, threshold)
                : ModelEvaluator.Evaluate(scorer, validation, options.Threads, CancellationToken.None).Metrics;
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
        export(manifest, output);
        run.WriteText(RunFolder.MetricsFile, JsonSerializer.Serialize(new { validation = validationMetrics, heldout = heldOutMetrics, test = testMetrics }, RunFolder.Json));
        Log(string.Create(CultureInfo.InvariantCulture, $"{(headOnly ? "out-of-fold (each image scored by a head that never saw its group)" : "validation (exported model in ONNX Runtime)")}: macro-F1 {validationMetrics.MacroF1:F4}, accuracy {validationMetrics.Accuracy:F4}, ECE {validationMetrics.EceBeforeTemperature:F4} -> {validationMetrics.EceAfterTemperature:F4}, coverage {validationMetrics.CoverageAtThreshold:P1} at {validationMetrics.AccuracyAtThreshold:P1} accuracy"));
        if (heldOutMetrics is not null)
        {
            Log(string.Create(CultureInfo.InvariantCulture, $"held-out part: macro-F1 {heldOutMetrics.MacroF1:F4}, accuracy {heldOutMetrics.Accuracy:F4}, ECE {heldOutMetrics.EceBeforeTemperature:F4} -> {heldOutMetrics.EceAfterTemperature:F4}"));
        }

        if (testMetrics is not null)
        {
            Log(string.Create(CultureInfo.InvariantCulture, $"test data: macro-F1 {testMetrics.MacroF1:F4}, accuracy {testMetrics.Accuracy:F4}, ECE {testMetrics.EceBeforeTemperature:F4} -> {testMetrics.EceAfterTemperature:F4}"));
        }

        Log(string.Create(CultureInfo.InvariantCulture, $"model written to {output} ({new FileInfo(output).Length / 1024.0:F0} KB) after {total.Elapsed.TotalMinutes:F1} min"));
        net?.Dispose();
        return new TrainingResult(run.Path, output, manifest, validationMetrics, heldOutMetrics, testMetrics, history, Cancelled: false);
    }

    // Architecture strings end in classes=N; a new class set changes N and nothing else.
    private static string ReplaceClassCount(string architecture, int classes) =>
        string.Join(';', architecture.Split(';').Select(p => p.StartsWith("classes=", StringComparison.Ordinal) ? string.Create(CultureInfo.InvariantCulture, $"classes={classes}") : p));

    // Head fine-tuning cross-fits over everything but the test part: there is no separate validation part.
    private static (List<CanonicalImage> Train, List<CanonicalImage> Validation, List<CanonicalImage> Test) SplitForCrossFitting(CanonicalImageLoader.Result loaded, TrainingOptions options)
    {
        if (options.TestFraction <= 0)
        {
            return (loaded.Images.ToList(), [], []);
        }

        // The splitter needs a validation share; the sliver it takes goes back to cross-fitting.
        var (train, validation, test) = loaded.Split(0.01, options.TestFraction, options.Seed);
        return (train.Concat(validation).ToList(), [], test);
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
