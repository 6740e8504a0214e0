namespace ColonyQc.Training.Training;

/// <summary>One window to train on in an epoch: where it is, its label, and the seed of its augmentation.</summary>
/// <param name="Image">Index of the image in the training part.</param>
/// <param name="X">Left edge of the unaugmented window in canonical pixels.</param>
/// <param name="Y">Top edge of the unaugmented window in canonical pixels.</param>
/// <param name="Label">Class index, or <see cref="Data.WindowLabeler.Ignore"/> to leave it out of the loss.</param>
/// <param name="AugmentationSeed">Seed of this window's augmentation, so windows can be prepared in parallel and still be reproducible.</param>
public readonly record struct TrainingSample(int Image, double X, double Y, int Label, int AugmentationSeed);
