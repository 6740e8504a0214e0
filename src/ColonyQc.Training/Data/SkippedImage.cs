namespace ColonyQc.Training.Data;

/// <summary>An image that was listed or found but could not be used, with the reason.</summary>
/// <param name="Path">The file.</param>
/// <param name="Reason">What was wrong with it (e.g. the decoder's message).</param>
public sealed record SkippedImage(string Path, string Reason);
