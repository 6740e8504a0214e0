using System.IO.Compression;
using ColonyQc.TestSupport;
using Xunit;

namespace ColonyQc.Packaging.Tests;

/// <summary>
/// Packs every package once for the whole test collection into a local folder feed, from a private
/// artifacts folder (nothing is shared with, or left in, the solution's own build). Restores and tool
/// installs done from it extract into a private packages folder with the machine's NuGet cache as a
/// read-only fallback, so no test package ever lands in (or is served stale from) that cache.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    public const string Version = "0.1.0";

    /// <summary>Every platform the library and the scoring tool are packed for.</summary>
    public static readonly string[] Platforms = ["win-x64", "linux-x64", "osx-arm64"];

    public PackedFeed()
    {
        Root = Path.Combine(Path.GetTempPath(), "colonyqc-packaging-" + Guid.NewGuid().ToString("N")[..8]);
        Feed = Path.Combine(Root, "feed");
        Directory.CreateDirectory(Feed);
        var artifacts = Path.Combine(Root, "artifacts");
        var nugetCache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } cache
            ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        RestoreEnvironment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = Path.Combine(Root, "packages"),
            ["NUGET_FALLBACK_PACKAGES"] = nugetCache,
        };
        foreach (var project in new[] { "ColonyQc.Models", "ColonyQc.Inference", "ColonyQc.MLNet", "ColonyQc.Cli", "ColonyQc.Train" })
        {
            var pack = DotnetCli.Run("dotnet", ["pack", Path.Combine(SharedData.RepositoryRoot, "src", project), "-c", "Release", "-o", Feed, "--artifacts-path", artifacts, "-p:Version=" + Version], SharedData.RepositoryRoot);
            Assert.True(pack.ExitCode == 0, $"dotnet pack {project} failed:\n{pack.Both}");
        }
    }

    public string Root { get; }

    /// <summary>The folder of .nupkg files.</summary>
    public string Feed { get; }

    /// <summary>Environment for restores and installs from the feed (private packages folder, machine cache as fallback).</summary>
    public IReadOnlyDictionary<string, string> RestoreEnvironment { get; }

    public string PackagePath(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    /// <summary>The entries of a package: path inside it and uncompressed length.</summary>
    public IReadOnlyList<(string Path, long Length)> Entries(string id)
    {
        using var zip = ZipFile.OpenRead(PackagePath(id));
        return [.. zip.Entries.Select(e => (e.FullName, e.Length))];
    }

    /// <summary>The package's .nuspec text.</summary>
    public string Nuspec(string id)
    {
        using var zip = ZipFile.OpenRead(PackagePath(id));
        var entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    /// <summary>A nuget.config that adds the feed to the machine's own sources (it names no other source).</summary>
    public void WriteNuGetConfig(string folder) => File.WriteAllText(
        Path.Combine(folder, "nuget.config"),
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="colonyqc-local" value="{Feed}" />
          </packageSources>
        </configuration>
        """);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A tool process still closing may hold a file for a moment; the folder is in the temp directory.
        }
    }
}

[CollectionDefinition(nameof(PackedFeed))]
public sealed class PackedFeedCollection : ICollectionFixture<PackedFeed>;
