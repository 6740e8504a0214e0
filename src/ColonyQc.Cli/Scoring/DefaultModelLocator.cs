using ColonyQc.Models;

namespace ColonyQc.Cli.Scoring;

/// <summary>
/// Finds the shipped model when no model is given, or when it is given as <c>shipped</c>:
/// <c>models/colonyqc.onnx</c> beside the tool (ColonyQc.Models copies it there on build, pack and
/// install), else the repository's <c>models/</c> folder above the tool (a build made before the model
/// file existed, run with <c>dotnet run</c>).
/// </summary>
internal static class DefaultModelLocator
{
    /// <summary>The places looked at, in order.</summary>
    public static IReadOnlyList<string> Candidates()
    {
        var candidates = new List<string> { ShippedModel.Path };
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ColonyQc.sln")))
            {
                candidates.Add(Path.Combine(dir.FullName, "models", ShippedModel.FileName));
                break;
            }
        }

        return candidates;
    }

    /// <summary>The first candidate that exists, or null.</summary>
    public static string? Find() => Candidates().FirstOrDefault(File.Exists);

    /// <summary>
    /// The model file a command should open: <paramref name="given"/> as it is, unless it is null or
    /// <c>shipped</c> (and no file of that name exists), which mean the shipped model. Null when the shipped model is wanted but missing.
    /// </summary>
    public static string? Resolve(string? given) =>
        given is null || (ShippedModel.IsAlias(given) && !File.Exists(given)) ? Find() : given;

    /// <summary>The message for a shipped model that is wanted but missing.</summary>
    public static string Missing(string command) =>
        $"colonyqc {command}: the shipped model was not found (looked at {string.Join(", ", Candidates())}); pass a model file instead";
}
