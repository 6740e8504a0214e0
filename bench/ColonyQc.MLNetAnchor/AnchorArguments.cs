using System.Globalization;

namespace ColonyQc.MLNetAnchor;

/// <summary>
/// The command line: <c>--train T --test T [--json F] [--predictions F] [--seed N] [--resize fill|isocrop]
/// [--normalize] [--work DIR]</c>. T is a folder with one subfolder per class, a CSV manifest
/// (<c>path,label[,group]</c>), or a folder holding a <c>labels.csv</c>.
/// </summary>
public sealed record AnchorArguments
{
    public const string Usage =
        "usage: colonyqc-mlnet-anchor --train <folder-per-class | labels.csv> --test <same> [--json out.json] "
        + "[--predictions out.csv] [--seed 1] [--resize fill|isocrop] [--normalize] [--work DIR]";

    /// <summary>Labelled images the recipe fits on.</summary>
    public required string Train { get; init; }

    /// <summary>Labelled images it is evaluated on.</summary>
    public required string Test { get; init; }

    /// <summary>Where the result goes as JSON, or null for the console only.</summary>
    public string? Json { get; init; }

    /// <summary>Where per-image test predictions go (CSV), or null.</summary>
    public string? Predictions { get; init; }

    /// <summary>MLContext seed.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// How ResizeImages makes 224x224: "fill" squeezes the whole field (no part of it is lost);
    /// "isocrop" is ML.NET's default, which crops the longer side to a centred square.
    /// </summary>
    public string Resize { get; init; } = "fill";

    /// <summary>Min-max normalise the features before the trainer (ML.NET's docs list L-BFGS as needing it).</summary>
    public bool Normalize { get; init; }

    /// <summary>Folder for PNG copies of images ImageAnalytics cannot read, or null for a temporary one.</summary>
    public string? Work { get; init; }

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <exception cref="ArgumentException">An option is unknown, lacks its value or has a bad one.</exception>
    public static AnchorArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var normalize = false;
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a == "--normalize")
            {
                normalize = true;
                continue;
            }

            if (!a.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"expected '--option value' at '{a}'\n{Usage}");
            }

            values[a[2..]] = args[++i];
        }

        string? Take(string name) => values.Remove(name, out var v) ? v : null;
        var train = Take("train") ?? throw new ArgumentException($"--train is required\n{Usage}");
        var test = Take("test") ?? throw new ArgumentException($"--test is required\n{Usage}");
        var seedText = Take("seed");
        var seed = 1;
        if (seedText is not null && !int.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed))
        {
            throw new ArgumentException($"--seed '{seedText}' is not an integer");
        }

        var resize = Take("resize") ?? "fill";
        if (resize is not ("fill" or "isocrop"))
        {
            throw new ArgumentException($"--resize '{resize}' must be fill or isocrop");
        }

        var parsed = new AnchorArguments
        {
            Train = train,
            Test = test,
            Json = Take("json"),
            Predictions = Take("predictions"),
            Seed = seed,
            Resize = resize,
            Normalize = normalize,
            Work = Take("work"),
        };
        if (values.Count > 0)
        {
            throw new ArgumentException($"unknown option(s): {string.Join(", ", values.Keys.Select(k => "--" + k))}\n{Usage}");
        }

        return parsed;
    }
}
