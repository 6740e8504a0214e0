using ColonyQc.Inference.Model;
using ColonyQc.Training.Evaluation;

namespace ColonyQc.Training.Training;

/// <summary>What a training run produced.</summary>
/// <param name="RunDirectory">The run folder.</param>
/// <param name="ModelPath">The exported model, or null when the run was interrupted before the end.</param>
/// <param name="Manifest">The exported model's manifest, or null when interrupted.</param>
/// <param name="Validation">Evaluation of the exported model on the validation part, or null when interrupted.</param>
/// <param name="HeldOut">Evaluation on the held-out part of the training data (<see cref="TrainingOptions.TestFraction"/>), or null when there is none (or interrupted).</param>
/// <param name="Test">Evaluation on the separate test data (<see cref="TrainingOptions.TestDataPath"/>), or null when none was given (or interrupted).</param>
/// <param name="History">Every completed epoch.</param>
/// <param name="Cancelled">True when Ctrl+C (the cancellation token) stopped the run; resume it from <paramref name="RunDirectory"/>.</param>
public sealed record TrainingResult(
    string RunDirectory,
    string? ModelPath,
    ModelManifest? Manifest,
    EvaluationMetrics? Validation,
    EvaluationMetrics? HeldOut,
    EvaluationMetrics? Test,
    IReadOnlyList<EpochSummary> History,
    bool Cancelled);
