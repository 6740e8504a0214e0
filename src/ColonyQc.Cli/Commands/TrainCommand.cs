using System.CommandLine;
using ColonyQc.Cli.Scoring;
using ColonyQc.Cli.Training;
using ColonyQc.Inference.Model;
using ColonyQc.Training;
using ColonyQc.Training.Data;
using ColonyQc.Training.Network;
using ColonyQc.Training.Onnx;
using ColonyQc.Training.Training;

namespace ColonyQc.Cli.Commands;

/// <summary>
/// <c>colonyqc train</c>: trains or fine-tunes a model on labelled images and writes one calibrated
/// .onnx file with its evaluation attached (see docs/training.md). Exit codes as every command:
/// 0 done, 2 usage error (bad option, no usable images, invalid model), 130 interrupted (resumable).
/// </summary>
internal static class TrainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var d = TrainingOptions.Default;

        // Input
        var data = new Option<string?>("--data") { Description = "Labelled images: a folder with one subfolder per class, a folder with labels.csv, or a CSV manifest path,label[,group]." };
        var testData = new Option<string?>("--test-data") { Description = "Separate labelled images (e.g. plates never used in training) to evaluate the final model on; the figures go into the model." };
        var groupBy = new Option<string?>("--group-by") { Description = "Regular expression over the image path; its first capture group is the split group (default: manifest group, else EVOS plate/well, else the file)." };
        var umPerPx = new Option<double?>("--um-per-px") { Description = "Source micrometres per pixel for every image (default: TIFF resolution tags, else 0.8625, a 4x objective)." };
        var objective = new Option<string?>("--objective") { Description = "Objective of every image (4x, 10x, 20x, 40x) when --um-per-px is not given." };

        // Model
        var from = new Option<string?>("--from") { Description = "Fine-tune this ColonyQc .onnx model instead of training from scratch; 'shipped' is the model shipped with the tool (a lab's own labels on top of it)." };
        var fineTune = new Option<FineTuneMode>("--fine-tune") { Description = "With --from: head (keep the base model's features, train its head, cross-fitted; few labels) or full (every layer; many labels).", DefaultValueFactory = _ => d.FineTune };
        var backbone = new Option<Backbone>("--backbone") { Description = "Without --from: colonynet (train every layer from scratch) or resnet18 (ImageNet ResNet-18 features, head trained; few labels, slower scoring).", DefaultValueFactory = _ => d.Backbone };
        var rule = new Option<AggregationRule>("--aggregation") { Description = "How an image's label comes from its windows: OrderedPNorm (worst colony, soft maximum), OrderedNoisyOr, or Mean.", DefaultValueFactory = _ => d.Aggregation.Rule };
        var exponent = new Option<double>("--aggregation-exponent") { Description = "Exponent r of OrderedPNorm: higher is closer to the plain maximum.", DefaultValueFactory = _ => d.Aggregation.Exponent };
        var freeze = new Option<int>("--freeze-epochs") { Description = "When fine-tuning: epochs at the start in which only the classifier head learns.", DefaultValueFactory = _ => d.FreezeEpochs };

        // Network (training from scratch only; a base model fixes its own)
        var net = ColonyNetConfig.Default;
        var windowSize = new Option<int?>("--window-size") { Description = $"Window side in canonical pixels (new models; default {net.WindowSize}, resnet18 {ImageNetResNet18Defaults.WindowSize}); with the scale it sets how much of a colony one window sees." };
        var windowStride = new Option<int?>("--window-stride") { Description = $"Step between windows in canonical pixels (new models; default {net.WindowStride}, resnet18 {ImageNetResNet18Defaults.WindowStride})." };
        var canonical = new Option<double?>("--canonical-um-per-px") { Description = $"Canonical scale every image is resampled to (new models; default {net.UmPerPixel}, resnet18 {ImageNetResNet18Defaults.UmPerPixel})." };
        var width = new Option<int?>("--width") { Description = $"ColonyNet stem channels (default {net.Width}); cost grows with its square." };
        var stages = new Option<int?>("--stages") { Description = $"Stages: ColonyNet 3 or 4 (default {net.Stages}); resnet18 1-4 (default {ImageNetResNet18Defaults.Stages}), the trunk is cut after it." };
        var stemStride = new Option<int?>("--stem-stride") { Description = $"ColonyNet stride of the first convolution (default {net.StemStride})." };

        // Output
        var output = new Option<string?>("--out", "-o") { Description = "Where to write the trained model (default: model.onnx in the run folder)." };
        var runDir = new Option<string?>("--run-dir") { Description = "Run folder (default: runs/<UTC timestamp>): args.json, epochs.csv, checkpoints, metrics.json." };
        var resume = new Option<string?>("--resume") { Description = "Continue the interrupted run in this folder with its saved options." };

        // Training
        var epochs = new Option<int>("--epochs") { Description = "Most epochs (early stopping may end sooner); more epochs: longer, usually better.", DefaultValueFactory = _ => d.Epochs };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed and --threads give the same model.", DefaultValueFactory = _ => d.Seed };
        var batch = new Option<int>("--batch-size") { Description = "Whole images per step (each brings its windows); more: steadier steps, more memory.", DefaultValueFactory = _ => d.BatchSize };
        var severities = new Option<string?>("--severities") { Description = "Class severities name=level,... (0 healthy, higher worse) when neither the base model nor the standard names tell them, e.g. good=0,bad=1." };
        var windowLoss = new Option<double>("--window-loss-weight") { Description = "Full training: weight of the loss on windows that colony annotations label, beside the image-level loss (0: image labels only).", DefaultValueFactory = _ => d.WindowLossWeight };
        var headEpochs = new Option<int>("--head-epochs") { Description = "Head fine-tuning: most epochs; grouped cross-fitting picks how many (fast: the backbone runs once per image view).", DefaultValueFactory = _ => d.HeadEpochs };
        var lr = new Option<double>("--lr") { Description = "Peak AdamW learning rate; lower it (e.g. 5e-4) when fine-tuning.", DefaultValueFactory = _ => d.LearningRate };
        var patience = new Option<int>("--patience") { Description = "Stop after this many epochs without a better validation macro-F1.", DefaultValueFactory = _ => d.Patience };
        var windows = new Option<int>("--windows-per-image") { Description = "Most windows one image brings to a step (a random subset beyond it).", DefaultValueFactory = _ => d.MaxWindowsPerImage };
        var validation = new Option<double>("--validation-fraction") { Description = "Share of images (by group) for validation: early stopping, temperature, review threshold.", DefaultValueFactory = _ => d.ValidationFraction };
        var test = new Option<double>("--test-fraction") { Description = "Share of images (by group) held out of training and validation for final metrics.", DefaultValueFactory = _ => d.TestFraction };
        var reviewError = new Option<double>("--review-error") { Description = "Target error rate of images decided without review; lower: more images go to review.", DefaultValueFactory = _ => d.ReviewTargetError };
        var notes = new Option<string?>("--notes") { Description = "Free text stored in the model's provenance." };

        // Hardware
        var threads = new Option<int>("--threads") { Description = "CPU threads for training and data preparation.", DefaultValueFactory = _ => Environment.ProcessorCount };

        var command = new Command("train", "Train or fine-tune a model on labelled images; writes one calibrated .onnx with its evaluation.")
        {
            data, testData, groupBy, umPerPx, objective, from, fineTune, backbone, rule, exponent, freeze, severities, windowSize, windowStride, canonical, width, stages, stemStride, output, runDir, resume, epochs, headEpochs, windowLoss, seed, batch, lr, patience, windows, validation, test, reviewError, notes, threads,
        };

        // The training body is its own delegate so that the scoring tool, which has no TorchSharp assembly,
        // never compiles it: only the check below runs there, and hands over to colonyqc-train.
        Func<ParseResult, CancellationToken, Task<int>> trainHere = (result, cancellationToken) =>
        {
            var o = result.InvocationConfiguration.Output;
            var e = result.InvocationConfiguration.Error;
            var fromModel = result.GetValue(from);
            if (fromModel is not null)
            {
                fromModel = DefaultModelLocator.Resolve(fromModel);
                if (fromModel is null)
                {
                    e.WriteLine(DefaultModelLocator.Missing("train --from"));
                    return Task.FromResult(ExitCodes.Usage);
                }
            }

            var trainer = new ColonyTrainer(o, new TrainingConsole(o, interactive: !Console.IsOutputRedirected));
            try
            {
                TrainingResult run;
                if (result.GetValue(resume) is { } resumeDir)
                {
                    run = trainer.Resume(resumeDir, cancellationToken);
                }
                else
                {
                    if (result.GetValue(data) is not { } dataPath)
                    {
                        e.WriteLine("colonyqc train: --data is required (or --resume RUN_DIR)");
                        return Task.FromResult(2 /* usage */);
                    }

                    run = trainer.Train(
                        new TrainingOptions
                        {
                            DataPath = dataPath,
                            TestDataPath = result.GetValue(testData),
                            GroupByPattern = result.GetValue(groupBy),
                            Scale = new ScaleOptions { UmPerPixel = result.GetValue(umPerPx), Objective = result.GetValue(objective) },
                            FromModel = fromModel,
                            FreezeEpochs = result.GetValue(freeze),
                            FineTune = result.GetValue(fineTune),
                            Backbone = result.GetValue(backbone),
                            Aggregation = new ImageAggregation(result.GetValue(rule), result.GetValue(exponent)),
                            Network = NetworkOptions(result, windowSize, windowStride, canonical, width, stages, stemStride),
                            OutputPath = result.GetValue(output),
                            RunDirectory = result.GetValue(runDir),
                            Epochs = result.GetValue(epochs),
                            HeadEpochs = result.GetValue(headEpochs),
                            WindowLossWeight = result.GetValue(windowLoss),
                            Seed = result.GetValue(seed),
                            BatchSize = result.GetValue(batch),
                            LearningRate = result.GetValue(lr),
                            Patience = result.GetValue(patience),
                            MaxWindowsPerImage = result.GetValue(windows),
                            Severities = result.GetValue(severities),
                            ValidationFraction = result.GetValue(validation),
                            TestFraction = result.GetValue(test),
                            ReviewTargetError = result.GetValue(reviewError),
                            Notes = result.GetValue(notes),
                            Threads = result.GetValue(threads),
                        },
                        cancellationToken);
                }

                return Task.FromResult(run.Cancelled ? 130 /* interrupted */ : 0);
            }
            catch (OperationCanceledException)
            {
                e.WriteLine("colonyqc train: interrupted before the first epoch finished; nothing to resume");
                return Task.FromResult(130 /* interrupted */);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidDataException or DirectoryNotFoundException or FileNotFoundException or InvalidModelException)
            {
                e.WriteLine("colonyqc train: " + ex.Message);
                return Task.FromResult(2 /* usage */);
            }
        };
        command.SetAction((ParseResult result, CancellationToken cancellationToken) => TrainingComponent.IsPresentHere()
            ? trainHere(result, cancellationToken)
            : TrainingComponent.HandOverAsync(result, cancellationToken));
        return command;
    }

    // Only the network options the user gave override the defaults of the chosen backbone.
    private static NetworkOverrides? NetworkOptions(ParseResult result, Option<int?> windowSize, Option<int?> windowStride, Option<double?> canonical, Option<int?> width, Option<int?> stages, Option<int?> stemStride)
    {
        var overrides = new NetworkOverrides
        {
            WindowSize = result.GetValue(windowSize),
            WindowStride = result.GetValue(windowStride),
            UmPerPixel = result.GetValue(canonical),
            Width = result.GetValue(width),
            Stages = result.GetValue(stages),
            StemStride = result.GetValue(stemStride),
        };
        return overrides == new NetworkOverrides() ? null : overrides;
    }
}
