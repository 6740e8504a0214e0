using ColonyQc.Training.Data;
using ColonyQc.Training.Evaluation;
using ColonyQc.Training.Training;
using Xunit;

namespace ColonyQc.Training.Tests.Training;

public sealed class ColonyTrainerTests : IDisposable
{
    private readonly TestImages _images = new();

    public ColonyTrainerTests() => TinyTrainingData.Write(_images, "data", perClass: 8);

    private TrainingOptions Tiny(string run, int epochs = 2) => new()
    {
        DataPath = Path.Combine(_images.Root, "data"),
        RunDirectory = Path.Combine(_images.Root, run),
        Epochs = epochs,
        BatchSize = 8,
        Network = new ColonyQc.Training.Network.NetworkOverrides { WindowSize = 64, WindowStride = 48, UmPerPixel = 2, Width = 4, Stages = 3 },
        Threads = 1,
        Seed = 5,
        ValidationFraction = 0.25,
    };

    [Fact]
    public void A_tiny_run_exports_a_model_that_scores_and_can_be_fine_tuned_on_a_new_class_set()
    {
        var result = new ColonyTrainer().Train(Tiny("run1"));

        Assert.False(result.Cancelled);
        Assert.Equal(2, result.History.Count);
        Assert.True(File.Exists(result.ModelPath));
        foreach (var file in new[] { RunFolder.ArgumentsFile, RunFolder.EpochsFile, RunFolder.CheckpointFile, RunFolder.BestFile, RunFolder.MetricsFile })
        {
            Assert.True(File.Exists(Path.Combine(result.RunDirectory, file)), file);
        }

        Assert.Equal(3, File.ReadAllLines(Path.Combine(result.RunDirectory, RunFolder.EpochsFile)).Length);
        var manifest = result.Manifest!;
        Assert.Equal(TinyTrainingData.Classes, manifest.ClassNames);
        Assert.InRange(manifest.Temperature, 0.05, 20);
        Assert.InRange(manifest.ReviewThreshold, 0, 1);
        Assert.True(manifest.QualityGate.MinWindowTexture > 0);
        Assert.Equal(5, manifest.Provenance!.Seed);
        Assert.Equal(64, manifest.Provenance.DataManifestSha256.Length);
        Assert.True(manifest.Metrics.ContainsKey("validation.macroF1"));

        using (var scorer = OnnxModelScorer.Load(result.ModelPath!))
        {
            var score = scorer.Score(Load(Path.Combine(_images.Root, "data", "good", "field00.tif"), manifest.UmPerPixel));
            Assert.Equal(3, score.Probabilities.Count);
            Assert.Equal(1.0, score.Probabilities.Sum(), 4);
            Assert.Equal(1.0, score.UncalibratedProbabilities.Sum(), 4);
        }

        // Fine-tune on two other classes: the head is replaced, the rest starts from the model.
        TinyTrainingData.Write(_images, "other", perClass: 6, ["clumped", "spread"]);
        var tuned = new ColonyTrainer().Train(Tiny("run2", epochs: 1) with
        {
            DataPath = Path.Combine(_images.Root, "other"),
            FromModel = result.ModelPath,
            FreezeEpochs = 1,
            Severities = "clumped=0,spread=1",
            OutputPath = Path.Combine(_images.Root, "tuned.onnx"),
        });
        Assert.Equal(["clumped", "spread"], tuned.Manifest!.ClassNames);
        Assert.Equal([0, 1], tuned.Manifest.ClassSeverities);
        Assert.Equal("run1", Path.GetFileName(Path.GetDirectoryName(result.ModelPath)));
        Assert.Equal(Path.GetFileName(result.ModelPath), tuned.Manifest.Provenance!.StartedFrom);
        using var tunedScorer = OnnxModelScorer.Load(Path.Combine(_images.Root, "tuned.onnx"));
        Assert.Equal(2, tunedScorer.Score(Load(Path.Combine(_images.Root, "other", "spread", "field01.tif"), tuned.Manifest.UmPerPixel)).Probabilities.Count);
    }

    [Fact]
    public void Two_runs_with_one_seed_give_identical_losses_and_a_resumed_run_continues_identically()
    {
        var first = new ColonyTrainer().Train(Tiny("a"));
        var second = new ColonyTrainer().Train(Tiny("b"));
        Assert.Equal(first.History.Select(e => e.TrainLoss), second.History.Select(e => e.TrainLoss));
        Assert.Equal(first.History.Select(e => e.ValidationLoss), second.History.Select(e => e.ValidationLoss));

        // Cancel after the first epoch, then resume: the second epoch matches the uninterrupted run.
        using var cancel = new CancellationTokenSource();
        var progress = new CancelAfterEpoch(cancel, 1);
        var interrupted = new ColonyTrainer(progress: progress).Train(Tiny("c"), cancel.Token);
        Assert.True(interrupted.Cancelled);
        Assert.Null(interrupted.ModelPath);
        Assert.Single(interrupted.History);

        var resumed = new ColonyTrainer().Resume(interrupted.RunDirectory);
        Assert.False(resumed.Cancelled);
        Assert.Equal(first.History.Select(e => e.TrainLoss), resumed.History.Select(e => e.TrainLoss));
        Assert.True(File.Exists(resumed.ModelPath));
    }

    [Fact]
    public void Resuming_a_folder_that_is_not_a_run_names_the_missing_file()
    {
        var ex = Assert.Throws<DirectoryNotFoundException>(() => new ColonyTrainer().Resume(_images.Root));
        Assert.Contains("args.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_options_are_named() =>
        Assert.Contains("--batch-size", Assert.Throws<ArgumentException>(() => new ColonyTrainer().Train(Tiny("x") with { BatchSize = 0 })).Message, StringComparison.Ordinal);

    public void Dispose() => _images.Dispose();

    private static CanonicalImage Load(string path, double umPerPixel)
    {
        var (pixels, width, height, _) = CanonicalImageLoader.Decode(path, umPerPixel, null, ScaleOptions.Default);
        return new CanonicalImage(new LabelledImage(path, 0, "g"), width, height, pixels, null, string.Empty);
    }

    private sealed class CancelAfterEpoch(CancellationTokenSource cancel, int epoch) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.LastEpoch?.Epoch >= epoch)
            {
                cancel.Cancel();
            }
        }
    }
}
