using System.Text.Json;
using System.Text.Json.Serialization;

namespace ColonyQc.Compare;

/// <summary>What one contender run measured; printed as one JSON line that compare.sh collects.</summary>
public sealed record RunResult
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The contender (e.g. "colonyqc-library", "mlnet", "decode-floor").</summary>
    public required string Contender { get; init; }

    /// <summary>The label given on the command line (format, round).</summary>
    public required string Label { get; init; }

    /// <summary>"field" or "windows".</summary>
    public required string Input { get; init; }

    /// <summary>Threads allowed.</summary>
    public required int Threads { get; init; }

    /// <summary>Images timed (warm-up images excluded).</summary>
    public required int Images { get; init; }

    /// <summary>Images that failed (counted in <see cref="Images"/>).</summary>
    public int Errors { get; init; }

    /// <summary>Wall time of the timed part in seconds.</summary>
    public required double Seconds { get; init; }

    /// <summary>Images per second of the timed part.</summary>
    public double ImagesPerSecond => Seconds > 0 ? Images / Seconds : 0;

    /// <summary>Model load and pipeline construction in seconds (not in <see cref="Seconds"/>).</summary>
    public double? SetupSeconds { get; init; }

    /// <summary>Median milliseconds per image, for modes that time images one by one.</summary>
    public double? MedianMsPerImage { get; init; }

    /// <summary>Fastest and slowest image in milliseconds, for modes that time images one by one.</summary>
    public double[]? MinMaxMsPerImage { get; init; }

    /// <summary>Free text: which decoder, what could not be read, and why.</summary>
    public string? Note { get; init; }

    /// <summary>The JSON line.</summary>
    public string ToJsonLine() => JsonSerializer.Serialize(this, Json);
}
