namespace ColonyQc.TestSupport;

/// <summary>
/// Finds the team's shared development data (<c>../shared/data</c> beside the repository).
/// It exists on developer and CI machines but not on a user's clone, so tests that need it
/// use <see cref="AllenDataFactAttribute"/> and are skipped, with the reason, when it is absent.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    /// <summary>The repository root (the folder holding ColonyQc.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The shared data folder, or null when this machine has none.</summary>
    public static string? DataRoot => Root.Value;

    /// <summary>The real Allen hiPSC tiles (palette-indexed LZW TIFF), or null.</summary>
    public static string? AllenTiles => DataRoot is null ? null : ExistingDir(Path.Combine(DataRoot, "allen-hipsc-brightfield", "tiles"));

    /// <summary>The real Allen whole-well images (8-bit raw TIFF), or null.</summary>
    public static string? AllenWells => DataRoot is null ? null : ExistingDir(Path.Combine(DataRoot, "allen-hipsc-brightfield", "wells"));

    /// <summary>Every Allen TIFF (tiles then wells), empty when the data is absent.</summary>
    public static IReadOnlyList<string> AllAllenFiles()
    {
        var files = new List<string>();
        foreach (var dir in new[] { AllenTiles, AllenWells })
        {
            if (dir is not null)
            {
                files.AddRange(Directory.GetFiles(dir, "*.tif*").Order(StringComparer.Ordinal));
            }
        }

        return files;
    }

    private static string? ExistingDir(string path) => Directory.Exists(path) ? path : null;

    private static string? FindRoot()
    {
        var env = Environment.GetEnvironmentVariable("COLONYQC_SHARED_DATA");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env))
        {
            return env;
        }

        var candidate = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));
        return Directory.Exists(candidate) ? candidate : null;
    }

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ColonyQc.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ColonyQc.sln not found above " + AppContext.BaseDirectory);
    }
}
