using ColonyQc.Inference.Model;
using ColonyQc.Training.Augmentation;
using ColonyQc.Training.Calibration;
using ColonyQc.Training.Data;

namespace ColonyQc.Training.Training;

/// <summary>
/// Everything that decides a training run. Immutable; the defaults are the recommended recipe (and
/// what <c>colonyqc train</c> shows in its help). Saved to the run folder as args.json so
/// <c>--resume</c> continues with exactly these settings.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>The recommended recipe.</summary>
    public static TrainingOptions Default { get; } = new();

    /// <summary>The data set: a folder with one subfolder per class, a folder with labels.csv, or a CSV manifest.</summary>
    public string DataPath { get; init; } = string.Empty;

    /// <summary>
    /// A separate labelled data set (same layouts as <see cref="DataPath"/>) to evaluate the final
    /// model on, e.g. images of plates never used in training; its figures go into the manifest as
    /// "test.*". Null: none.
    /// </summary>
    public string? TestDataPath { get; init; }

    /// <summary>
    /// Settings of a new model's network (window, stride, scale, width, stages); null or unset values keep the
    /// backbone's defaults (<see cref="Network.ColonyNetConfig.Default"/>). Ignored when fine-tuning: the base model fixes the network.
    /// </summary>
    public Network.NetworkOverrides? Network { get; init; }

    /// <summary>The network to build when not fine-tuning (<see cref="FromModel"/> null).</summary>
    public Backbone Backbone { get; init; } = Backbone.ColonyNet;

    /// <summary>An existing ColonyQc model to fine-tune (weights imported from its ONNX), or null to train from scratch.</summary>
    public string? FromModel { get; init; }

    /// <summary>Where to write the trained model; null: model.onnx in the run folder.</summary>
    public string? OutputPath { get; init; }

    /// <summary>The run folder; null: runs/&lt;UTC timestamp&gt; under the current directory.</summary>
    public string? RunDirectory { get; init; }

    /// <summary>Most epochs to run (early stopping may end sooner).</summary>
    public int Epochs { get; init; } = 30;

    /// <summary>Seed of every random choice (split, sampling, augmentation, initial weights, dropout).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Threads for TorchSharp and data preparation; results are reproducible at a fixed count.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Whole images per optimisation step (each contributes its windows; see <see cref="MaxWindowsPerImage"/>).</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Most windows one image contributes to a step (a random subset beyond it); bounds a step's memory.</summary>
    public int MaxWindowsPerImage { get; init; } = 16;

    /// <summary>
    /// Weight of the window-level cross-entropy on windows that colony annotations label, beside the
    /// image-level multiple-instance loss (0: image labels only; no effect without annotations).
    /// </summary>
    public double WindowLossWeight { get; init; } = 0.5;

    /// <summary>
    /// Class severities as <c>name=level,...</c> (0 healthy, higher worse), or null to take them from the
    /// base model or the standard class names (<see cref="ClassSeverities"/>).
    /// </summary>
    public string? Severities { get; init; }

    /// <summary>The image-from-windows rule the model is trained with and scored with.</summary>
    public ImageAggregation Aggregation { get; init; } = new();

    /// <summary>Peak learning rate of AdamW (reached after the warm-up, then cosine decay).</summary>
    public double LearningRate { get; init; } = 2e-3;

    /// <summary>AdamW decoupled weight decay.</summary>
    public double WeightDecay { get; init; } = 1e-2;

    /// <summary>Linear warm-up length in epochs (fractions allowed).</summary>
    public double WarmupEpochs { get; init; } = 1;

    /// <summary>Label smoothing of the cross-entropy (0 = none).</summary>
    public double LabelSmoothing { get; init; } = 0.05;

    /// <summary>
    /// How <see cref="FromModel"/> is fine-tuned: <see cref="FineTuneMode.Head"/> (the default: the backbone's
    /// features are kept, only the head learns, cross-fitted) or <see cref="FineTuneMode.Full"/> (every layer).
    /// </summary>
    public FineTuneMode FineTune { get; init; } = FineTuneMode.Head;

    /// <summary>Head fine-tuning: views of each image whose features are cached (the first as scored, the rest augmented).</summary>
    public int FeatureViews { get; init; } = 8;

    /// <summary>Head fine-tuning: folds of the grouped cross-fitting that chooses epochs, temperature and review threshold.</summary>
    public int CrossFitFolds { get; init; } = 5;

    /// <summary>Head fine-tuning: most full-batch steps of head training; cross-fitting picks the count (every 5) with the lowest out-of-fold loss.</summary>
    public int HeadEpochs { get; init; } = 300;

    /// <summary>Head fine-tuning: AdamW peak learning rate of the head (cosine decay over <see cref="HeadEpochs"/>).</summary>
    public double HeadLearningRate { get; init; } = 1e-2;

    /// <summary>When fine-tuning all layers: epochs at the start during which only the head learns.</summary>
    public int FreezeEpochs { get; init; }

    /// <summary>Epochs without a better validation macro-F1 before stopping.</summary>
    public int Patience { get; init; } = 6;

    /// <summary>Share of images (by group) held out for validation.</summary>
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>Share of images (by group) held out of training and validation for final metrics ("heldout.*" in the manifest; 0: none).</summary>
    public double TestFraction { get; init; }

    /// <summary>Target error rate of automatically decided images, used to choose the review threshold.</summary>
    public double ReviewTargetError { get; init; } = ReviewThreshold.DefaultTargetError;

    /// <summary>Regular expression whose first capture over the path is the splitting group (see <see cref="DataLoadOptions.GroupByPattern"/>).</summary>
    public string? GroupByPattern { get; init; }

    /// <summary>How the source scale of each image is found.</summary>
    public ScaleOptions Scale { get; init; } = ScaleOptions.Default;

    /// <summary>Augmentation of training windows.</summary>
    public AugmentationOptions Augmentation { get; init; } = AugmentationOptions.Default;

    /// <summary>Free text stored in the model's provenance (e.g. "trained on simulated images").</summary>
    public string? Notes { get; init; }

    /// <summary>Checks the options, naming the first bad one.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public TrainingOptions Validate()
    {
        Require(!string.IsNullOrWhiteSpace(DataPath), "--data is required");
        Require(Epochs >= 1, $"--epochs {Epochs} must be at least 1");
        Require(Threads >= 1, $"--threads {Threads} must be at least 1");
        Require(BatchSize >= 1, $"--batch-size {BatchSize} must be at least 1 image");
        Require(MaxWindowsPerImage >= 1, $"windows per image {MaxWindowsPerImage} must be at least 1");
        Require(WindowLossWeight >= 0, $"window loss weight {WindowLossWeight} must not be negative");
        Require(Aggregation.Rule != AggregationRule.WorstWindowHierarchy, "the worst-window hierarchy has no gradient: train with an ordered rule");
        Require(LearningRate > 0 && LearningRate < 1, $"--lr {LearningRate} must be in (0, 1)");
        Require(WeightDecay >= 0, $"weight decay {WeightDecay} must not be negative");
        Require(WarmupEpochs >= 0, $"warm-up {WarmupEpochs} must not be negative");
        Require(LabelSmoothing is >= 0 and < 1, $"label smoothing {LabelSmoothing} must be in [0, 1)");
        Require(FeatureViews is >= 1 and <= 64, $"feature views {FeatureViews} must be 1-64");
        Require(HeadEpochs is >= 1 and <= 10000, $"--head-epochs {HeadEpochs} must be 1-10000");
        Require(CrossFitFolds is >= 2 and <= 20, $"cross-fitting folds {CrossFitFolds} must be 2-20");
        Require(HeadLearningRate > 0 && HeadLearningRate < 1, $"head learning rate {HeadLearningRate} must be in (0, 1)");
        Require(Enum.IsDefined(FineTune), $"fine-tune mode {FineTune} is not known");
        Require(Enum.IsDefined(Backbone), $"backbone {Backbone} is not known");
        Require(FromModel is null || Backbone == Backbone.ColonyNet, "--backbone applies when training without --from: a base model brings its own backbone");
        Require(FreezeEpochs >= 0, $"--freeze-epochs {FreezeEpochs} must not be negative");
        Require(Patience >= 1, $"patience {Patience} must be at least 1");
        Require(ValidationFraction > 0 && ValidationFraction + TestFraction < 1, $"validation {ValidationFraction} must be positive and validation + test {TestFraction} below 1");
        Require(TestFraction >= 0, $"test fraction {TestFraction} must not be negative");
        Require(ReviewTargetError is > 0 and < 1, $"review target error {ReviewTargetError} must be in (0, 1)");
        return this;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
