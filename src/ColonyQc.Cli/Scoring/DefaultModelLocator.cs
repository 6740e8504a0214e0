namespace ColonyQc.Cli.Scoring;

/// <summary>
/// Finds the shipped model when no <c>--model</c> is given: <c>models/colonyqc.onnx</c> beside the
/// tool (the project copies it there on build and pack), else the repository's <c>models/</c> folder
/// above the tool (a build made before the model file existed, run with <c>dotnet run</c>).
/// </summary>
internal static class DefaultModelLocator
{
    /// <summary>The model file name inside <c>models/</c>.</summary>
    public const string FileName = "colonyqc.onnx";

    /// <summary>The places looked at, in order.</summary>
    public static IReadOnlyList<string> Candidates()
    {
        var candidates = new List<string> { Path.Combine(AppContext.BaseDirectory, "models", FileName) };
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ColonyQc.sln")))
            {
                candidates.Add(Path.Combine(dir.FullName, "models", FileName));
                break;
            }
        }

        return candidates;
    }

    /// <summary>The first candidate that exists, or null.</summary>
    public static string? Find() => Candidates().FirstOrDefault(File.Exists);
}
