using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ColonyQc.Training.Training;

/// <summary>
/// The folder of one training run: args.json (the options), epochs.csv (one line per epoch),
/// checkpoint.dat + optimizer.dat + trainer-state.json (the last epoch, for --resume), best.dat
/// (the best weights so far), model.onnx and metrics.json at the end. Every file is written to a
/// temporary name and renamed, so a crash never leaves a half-written checkpoint.
/// </summary>
public sealed class RunFolder
{
    /// <summary>The options of the run.</summary>
    public const string ArgumentsFile = "args.json";

    /// <summary>Per-epoch summary.</summary>
    public const string EpochsFile = "epochs.csv";

    /// <summary>Weights after the last completed epoch (TorchSharp format).</summary>
    public const string CheckpointFile = "checkpoint.dat";

    /// <summary>AdamW state after the last completed epoch.</summary>
    public const string OptimizerFile = "optimizer.dat";

    /// <summary>Trainer state for --resume.</summary>
    public const string StateFile = "trainer-state.json";

    /// <summary>Best weights by validation macro-F1.</summary>
    public const string BestFile = "best.dat";

    /// <summary>The model, when no --out is given.</summary>
    public const string ModelFile = "model.onnx";

    /// <summary>Evaluation figures of the final model.</summary>
    public const string MetricsFile = "metrics.json";

    /// <summary>Warnings about the run's data (small validation, a missing class, a review threshold of 1), one per line; empty when none.</summary>
    public const string WarningsFile = "warnings.txt";

    internal static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private RunFolder(string path) => Path = path;

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>Creates <paramref name="path"/>, or runs/&lt;UTC timestamp&gt; when null.</summary>
    public static RunFolder Create(string? path)
    {
        path ??= System.IO.Path.Combine("runs", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(path);
        return new RunFolder(System.IO.Path.GetFullPath(path));
    }

    /// <summary>Opens an existing run folder for --resume.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder, its args.json or its trainer state is missing.</exception>
    public static RunFolder Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        foreach (var file in new[] { ArgumentsFile, StateFile, CheckpointFile, OptimizerFile })
        {
            if (!System.IO.File.Exists(System.IO.Path.Combine(full, file)))
            {
                throw new DirectoryNotFoundException($"{path}: not a resumable run folder ({file} is missing; a run writes it after its first epoch)");
            }
        }

        return new RunFolder(full);
    }

    /// <summary>Full path of a file in the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes the options as args.json.</summary>
    public void WriteArguments(TrainingOptions options) => WriteText(ArgumentsFile, JsonSerializer.Serialize(options, Json));

    /// <summary>Reads args.json.</summary>
    /// <exception cref="InvalidDataException">The file is not valid options JSON.</exception>
    public TrainingOptions ReadArguments()
    {
        try
        {
            return JsonSerializer.Deserialize<TrainingOptions>(System.IO.File.ReadAllText(File(ArgumentsFile)), Json)
                ?? throw new InvalidDataException($"{File(ArgumentsFile)} is empty");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{File(ArgumentsFile)}: not valid training options: {ex.Message}", ex);
        }
    }

    /// <summary>Writes the trainer state and rewrites epochs.csv from its history.</summary>
    public void WriteState(TrainerState state)
    {
        WriteText(StateFile, JsonSerializer.Serialize(state, Json));
        WriteHistory(state.History);
    }

    /// <summary>Rewrites epochs.csv (for head fine-tuning: one line per recorded epoch count, validation columns out-of-fold).</summary>
    public void WriteHistory(IReadOnlyList<EpochSummary> history)
    {
        var csv = new StringBuilder("epoch,train_loss,val_loss,val_macro_f1,val_accuracy,lr,seconds\n");
        foreach (var e in history)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{e.Epoch},{e.TrainLoss:F5},{e.ValidationLoss:F5},{e.ValidationMacroF1:F4},{e.ValidationAccuracy:F4},{e.LearningRate:G4},{e.Seconds:F1}\n");
        }

        WriteText(EpochsFile, csv.ToString());
    }

    /// <summary>Reads trainer-state.json.</summary>
    /// <exception cref="InvalidDataException">The file is not valid state JSON.</exception>
    public TrainerState ReadState()
    {
        try
        {
            return JsonSerializer.Deserialize<TrainerState>(System.IO.File.ReadAllText(File(StateFile)), Json)
                ?? throw new InvalidDataException($"{File(StateFile)} is empty");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{File(StateFile)}: not a valid trainer state: {ex.Message}", ex);
        }
    }

    /// <summary>Writes text to <paramref name="name"/> through a temporary file and a rename.</summary>
    public void WriteText(string name, string text) => WriteAtomically(File(name), temp => System.IO.File.WriteAllText(temp, text, new UTF8Encoding(false)));

    /// <summary>Calls <paramref name="write"/> with a temporary path beside <paramref name="path"/>, then renames it into place.</summary>
    public static void WriteAtomically(string path, Action<string> write)
    {
        var temp = path + ".tmp";
        write(temp);
        System.IO.File.Move(temp, path, overwrite: true);
    }
}
