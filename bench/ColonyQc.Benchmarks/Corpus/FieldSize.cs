using System.Globalization;

namespace ColonyQc.Benchmarks.Corpus;

/// <summary>
/// The field size every benchmark uses: 2048x1536 (an EVOS camera frame) unless the environment
/// variable <see cref="Variable"/> says <c>WIDTHxHEIGHT</c>; the dry-run test uses a small one so
/// that running every benchmark once stays quick.
/// </summary>
public static class FieldSize
{
    /// <summary>The environment variable that overrides the field size.</summary>
    public const string Variable = "COLONYQC_BENCH_FIELD";

    /// <summary>Source scale of the simulated fields: a 4x objective on 3.45 um camera pixels.</summary>
    public const double SourceUmPerPixel = 0.8625;

    /// <summary>The field size in force.</summary>
    public static (int Width, int Height) Current { get; } = Parse(Environment.GetEnvironmentVariable(Variable));

    private static (int Width, int Height) Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return (2048, 1536);
        }

        var parts = value.Split('x', 'X');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            && w >= 16 && h >= 16)
        {
            return (w, h);
        }

        throw new ArgumentException($"{Variable}='{value}' is not WIDTHxHEIGHT with both sides at least 16");
    }
}
