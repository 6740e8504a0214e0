namespace ColonyQc.Cli.Scoring;

/// <summary>A file to score.</summary>
/// <param name="Path">The path as the report shows it: the argument as given, joined with the path found below it.</param>
/// <param name="RelativePath">The path below the folder argument ('/' separated; the file name for a file argument): the key <c>--shard</c> hashes.</param>
internal sealed record DiscoveredImage(string Path, string RelativePath);
