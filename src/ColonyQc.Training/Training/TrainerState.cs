namespace ColonyQc.Training.Training;

/// <summary>
/// What <c>--resume</c> needs besides the weights and optimizer files: where the run stopped and
/// how early stopping stood. Saved as trainer-state.json after every epoch.
/// </summary>
public sealed record TrainerState
{
    /// <summary>Epochs completed (the next epoch to run, 0-based).</summary>
    public int CompletedEpochs { get; init; }

    /// <summary>Optimisation steps taken (drives the learning-rate schedule).</summary>
    public int Steps { get; init; }

    /// <summary>Best validation macro-F1 so far.</summary>
    public double BestMacroF1 { get; init; } = -1;

    /// <summary>Validation loss at the best epoch (breaks macro-F1 ties).</summary>
    public double BestValidationLoss { get; init; } = double.MaxValue;

    /// <summary>1-based epoch of the best checkpoint (0: none yet).</summary>
    public int BestEpoch { get; init; }

    /// <summary>Epochs since the best one.</summary>
    public int EpochsWithoutImprovement { get; init; }

    /// <summary>True when early stopping ended the run.</summary>
    public bool Stopped { get; init; }

    /// <summary>Every epoch's summary so far (epochs.csv is rewritten from it).</summary>
    public IReadOnlyList<EpochSummary> History { get; init; } = [];
}
