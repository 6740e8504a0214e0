namespace ColonyQc.Training.Data;

/// <summary>One labelled image of a data set, before decoding.</summary>
/// <param name="Path">Full path of the image file.</param>
/// <param name="Label">Index into the data set's class names.</param>
/// <param name="Group">The splitting unit (plate/well, manifest group, regex capture or the file itself): never on two sides of a split.</param>
/// <param name="UmPerPixel">Source scale given by the manifest, or null to take it from the file or the assumed default.</param>
public sealed record LabelledImage(string Path, int Label, string Group, double? UmPerPixel = null);
