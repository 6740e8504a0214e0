namespace ColonyQc.Training.Data;

/// <summary>How a labelled data set is read. Immutable; <see cref="Default"/> reads everything as found.</summary>
public sealed record DataLoadOptions
{
    /// <summary>Defaults: groups from the manifest or EVOS names, classes from the data.</summary>
    public static DataLoadOptions Default { get; } = new();

    /// <summary>
    /// A regular expression over the image path whose first capture group is the splitting group
    /// (e.g. <c>plate(\d+)</c>). When set it overrides manifest groups and EVOS names; a path it does
    /// not match is its own group.
    /// </summary>
    public string? GroupByPattern { get; init; }

    /// <summary>
    /// The class order to use (e.g. a base model's, so its head is reused). Must contain every label
    /// of the data; null means: good, differentiating, abnormal when the data has exactly those
    /// three, else the labels sorted by name.
    /// </summary>
    public IReadOnlyList<string>? ClassNames { get; init; }
}
