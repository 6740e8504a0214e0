using System.Globalization;

namespace ColonyQc.Compare;

/// <summary>
/// The command line of one contender run: <c>MODE --dir D [--model M] [--threads N] [--batch-size N] [--out F]
/// [--input field|windows] [--warmup K] [--label L]</c>.
/// </summary>
public sealed record CompareArguments
{
    /// <summary>What to run: library, mlnet, decode-floor or preprocess.</summary>
    public required string Mode { get; init; }

    /// <summary>The folder of images.</summary>
    public required string Directory { get; init; }

    /// <summary>The .onnx model (not needed by decode-floor).</summary>
    public string? Model { get; init; }

    /// <summary>Threads the contender may use.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Windows per network call for the library contender, or null for the library's default.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Where the per-image results go (CSV), or null for a temporary file.</summary>
    public string? Out { get; init; }

    /// <summary>"field": the whole field resized into one window (the input every contender gets); "windows": ColonyQc's own windowed scoring at the true scale.</summary>
    public string Input { get; init; } = "field";

    /// <summary>Images scored before the clock starts (JIT, session warm-up, pools), not counted.</summary>
    public int Warmup { get; init; } = 4;

    /// <summary>Free text copied into the result line (format name, round).</summary>
    public string Label { get; init; } = "";

    /// <summary>Micrometres per pixel of the images as stored.</summary>
    public double SourceUmPerPixel { get; init; } = 0.8625;

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <exception cref="ArgumentException">An option is unknown, lacks its value or has a bad one.</exception>
    public static CompareArguments Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            throw new ArgumentException("usage: colonyqc-compare library|mlnet|decode-floor|preprocess|stages --dir D [--model M] [--threads N] [--batch-size N] [--out F] [--input field|windows] [--warmup K] [--label L]");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"expected '--option value' at '{args[i]}'");
            }

            values[args[i][2..]] = args[i + 1];
        }

        string? Take(string key) => values.Remove(key, out var v) ? v : null;
        int Int(string key, int fallback) => Take(key) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

        var parsed = new CompareArguments
        {
            Mode = args[0],
            Directory = Take("dir") ?? throw new ArgumentException("--dir is required"),
            Model = Take("model"),
            Threads = Int("threads", 1),
            BatchSize = Take("batch-size") is { } b ? int.Parse(b, CultureInfo.InvariantCulture) : null,
            Out = Take("out"),
            Input = Take("input") ?? "field",
            Warmup = Int("warmup", 4),
            Label = Take("label") ?? "",
            SourceUmPerPixel = Take("um-per-px") is { } um ? double.Parse(um, CultureInfo.InvariantCulture) : 0.8625,
        };
        if (values.Count > 0)
        {
            throw new ArgumentException("unknown option(s): " + string.Join(", ", values.Keys.Select(k => "--" + k)));
        }

        if (parsed.Input is not ("field" or "windows"))
        {
            throw new ArgumentException($"--input must be field or windows, not '{parsed.Input}'");
        }

        if (parsed.Threads < 1)
        {
            throw new ArgumentException("--threads must be at least 1");
        }

        if (parsed.BatchSize is < 1)
        {
            throw new ArgumentException("--batch-size must be at least 1");
        }

        return parsed;
    }

    /// <summary>The model path, or an error naming the mode that needs it.</summary>
    public string RequireModel() => Model ?? throw new ArgumentException($"{Mode} needs --model");
}
