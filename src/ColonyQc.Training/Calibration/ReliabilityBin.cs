namespace ColonyQc.Training.Calibration;

/// <summary>One confidence bin of a reliability diagram.</summary>
/// <param name="Lower">Lower confidence edge (inclusive, except the first bin which also takes 0).</param>
/// <param name="Upper">Upper confidence edge (inclusive).</param>
/// <param name="Count">Images whose confidence falls in the bin.</param>
/// <param name="MeanConfidence">Their mean confidence (0 when empty).</param>
/// <param name="Accuracy">Their share of correct predictions (0 when empty).</param>
public sealed record ReliabilityBin(double Lower, double Upper, int Count, double MeanConfidence, double Accuracy);
