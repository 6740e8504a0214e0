namespace ColonyQc.Synthetic.Dataset;

/// <summary>What <see cref="SyntheticDataset.Write"/> wrote.</summary>
/// <param name="Fields">Images written.</param>
/// <param name="PerClass">Images per label, in class order (good, differentiating, abnormal).</param>
/// <param name="EmptyFields">Images without any colony (all labelled good).</param>
/// <param name="Colonies">Colony rows in annotations.csv.</param>
/// <param name="Bytes">Total size of the image files.</param>
/// <param name="LabelsPath">Full path of labels.csv.</param>
/// <param name="AnnotationsPath">Full path of annotations.csv.</param>
/// <param name="Elapsed">Wall time of the whole write.</param>
public sealed record SynthSummary(int Fields, IReadOnlyList<int> PerClass, int EmptyFields, int Colonies, long Bytes, string LabelsPath, string AnnotationsPath, TimeSpan Elapsed);
