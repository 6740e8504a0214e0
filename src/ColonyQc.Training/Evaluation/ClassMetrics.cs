namespace ColonyQc.Training.Evaluation;

/// <summary>Per-class figures.</summary>
/// <param name="Name">Class name.</param>
/// <param name="Precision">Share of images predicted as this class that are of it.</param>
/// <param name="Recall">Share of images of this class predicted as it.</param>
/// <param name="F1">Harmonic mean of precision and recall.</param>
/// <param name="Support">Images of this class.</param>
public sealed record ClassMetrics(string Name, double Precision, double Recall, double F1, long Support);
