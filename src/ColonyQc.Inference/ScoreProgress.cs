namespace ColonyQc.Inference;

/// <summary>Progress of a batch scoring run, reported after every image.</summary>
/// <param name="Completed">Images finished (scored or failed).</param>
/// <param name="Failed">Of those, images that became error rows.</param>
/// <param name="Total">Images in the run, or -1 when the input sequence does not say.</param>
/// <param name="Elapsed">Time since the run started.</param>
public readonly record struct ScoreProgress(int Completed, int Failed, int Total, TimeSpan Elapsed);
