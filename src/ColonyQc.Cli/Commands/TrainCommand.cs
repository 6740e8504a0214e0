using System.CommandLine;
using ColonyQc.Cli.Scoring;
using ColonyQc.Cli.Training;
using ColonyQc.Inference.Model;
using ColonyQc.Training;
using ColonyQc.Training.Data;
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
        var freeze = new Option<int>("--freeze-epochs") { Description = "When fine-tuning: epochs at the start in which only the classifier head learns.", DefaultValueFactory = _ => d.FreezeEpochs };

        // Output
        var output = new Option<string?>("--out", "-o") { Description = "Where to write the trained model (default: model.onnx in the run folder)." };
        var runDir = new Option<string?>("--run-dir") { Description = "Run folder (default: runs/<UTC timestamp>): args.json, epochs.csv, checkpoints, metrics.json." };
        var resume = new Option<string?>("--resume") { Description = "Continue the interrupted run in this folder with its saved options." };

        // Training
        var epochs = new Option<int>("--epochs") { Description = "Most epochs (early stopping may end sooner); more epochs: longer, usually better.", DefaultValueFactory = _ => d.Epochs };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed and --threads give the same model.", DefaultValueFactory = _ => d.Seed };
        var batch = new Option<int>("--batch-size") { Description = "Windows per step.", DefaultValueFactory = _ => d.BatchSize };
        var lr = new Option<double>("--lr") { Description = "Peak AdamW learning rate; lower it (e.g. 5e-4) when fine-tuning.", DefaultValueFactory = _ => d.LearningRate };
        var patience = new Option<int>("--patience") { Description = "Stop after this many epochs without a better validation macro-F1.", DefaultValueFactory = _ => d.Patience };
        var windows = new Option<int>("--windows-per-image") { Description = "Training windows drawn per image per epoch.", DefaultValueFactory = _ => d.WindowsPerImage };
        var validation = new Option<double>("--validation-fraction") { Description = "Share of images (by group) for validation: early stopping, temperature, review threshold.", DefaultValueFactory = _ => d.ValidationFraction };
        var test = new Option<double>("--test-fraction") { Description = "Share of images (by group) held out of training and validation for final metrics.", DefaultValueFactory = _ => d.TestFraction };
        var reviewError = new Option<double>("--review-error") { Description = "Target error rate of images decided without review; lower: more images go to review.", DefaultValueFactory = _ => d.ReviewTargetError };
        var notes = new Option<string?>("--notes") { Description = "Free text stored in the model's provenance." };

        // Hardware
        var threads = new Option<int>("--threads") { Description = "CPU threads for training and data preparation.", DefaultValueFactory = _ => Environment.ProcessorCount };

        var command = new Command("train", "Train or fine-tune a model on labelled images; writes one calibrated .onnx with its evaluation.")
        {
            data, testData, groupBy, umPerPx, objective, from, freeze, output, runDir, resume, epochs, seed, batch, lr, patience, windows, validation, test, reviewError, notes, threads,
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
                            OutputPath = result.GetValue(output),
                            RunDirectory = result.GetValue(runDir),
                            Epochs = result.GetValue(epochs),
                            Seed = result.GetValue(seed),
                            BatchSize = result.GetValue(batch),
                            LearningRate = result.GetValue(lr),
                            Patience = result.GetValue(patience),
                            WindowsPerImage = result.GetValue(windows),
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
}
