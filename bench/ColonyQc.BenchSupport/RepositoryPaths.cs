namespace ColonyQc.BenchSupport;

/// <summary>Finds the repository the benchmark programs run from.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding ColonyQc.sln, found upwards from the program's own folder.</summary>
    /// <exception cref="DirectoryNotFoundException">The program does not run from inside a ColonyQc checkout.</exception>
    public static string Root { get; } = FindRoot();

    /// <summary>The shipped model's path (it may not exist yet).</summary>
    public static string ShippedModel => Path.Combine(Root, "models", "colonyqc.onnx");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ColonyQc.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no ColonyQc.sln above {AppContext.BaseDirectory}: run the benchmarks from a ColonyQc checkout");
    }
}
