namespace ColonyQc.Models;

/// <summary>
/// Where the shipped ColonyQc model is at run time: <c>models/colonyqc.onnx</c> beside the application,
/// copied there by this package's build targets (or, in the repository, by the project reference).
/// </summary>
public static class ShippedModel
{
    /// <summary>The name that stands for the shipped model wherever a model path is accepted (e.g. <c>--model shipped</c>).</summary>
    public const string Alias = "shipped";

    /// <summary>The model's file name inside <c>models/</c>.</summary>
    public const string FileName = "colonyqc.onnx";

    /// <summary>Full path of the shipped model beside the application (it may be missing: see <see cref="Exists"/>).</summary>
    public static string Path { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "models", FileName);

    /// <summary>True when the shipped model is present beside the application.</summary>
    public static bool Exists => File.Exists(Path);

    /// <summary>True when <paramref name="model"/> names the shipped model (<see cref="Alias"/>, any case).</summary>
    public static bool IsAlias(string? model) => string.Equals(model, Alias, StringComparison.OrdinalIgnoreCase);
}
