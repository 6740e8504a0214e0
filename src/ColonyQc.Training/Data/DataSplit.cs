namespace ColonyQc.Training.Data;

/// <summary>Indices of a data set's images in each part of a grouped split.</summary>
/// <param name="Train">Images to train on.</param>
/// <param name="Validation">Images for early stopping, temperature and review threshold.</param>
/// <param name="Test">Images held out for the final evaluation (may be empty).</param>
public sealed record DataSplit(IReadOnlyList<int> Train, IReadOnlyList<int> Validation, IReadOnlyList<int> Test);
