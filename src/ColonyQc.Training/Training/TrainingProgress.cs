namespace ColonyQc.Training.Training;

/// <summary>Where a training run is, for progress bars.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Epochs">Most epochs of the run.</param>
/// <param name="Batch">Batches done in this epoch.</param>
/// <param name="Batches">Batches in this epoch.</param>
/// <param name="TrainLoss">Running mean training loss of this epoch.</param>
/// <param name="LastEpoch">The last completed epoch's summary (validation figures), or null before the first.</param>
public sealed record TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double TrainLoss, EpochSummary? LastEpoch);
