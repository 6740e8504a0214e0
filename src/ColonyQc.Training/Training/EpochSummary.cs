namespace ColonyQc.Training.Training;

/// <summary>One line of epochs.csv.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean smoothed cross-entropy of the epoch's training windows.</param>
/// <param name="ValidationLoss">Image-level negative log-likelihood on the validation part (temperature 1).</param>
/// <param name="ValidationMacroF1">Image-level macro-F1 on the validation part through the scoring aggregation.</param>
/// <param name="ValidationAccuracy">Image-level accuracy on the validation part.</param>
/// <param name="LearningRate">Learning rate at the end of the epoch.</param>
/// <param name="Seconds">Wall time of the epoch including validation.</param>
public sealed record EpochSummary(int Epoch, double TrainLoss, double ValidationLoss, double ValidationMacroF1, double ValidationAccuracy, double LearningRate, double Seconds);
