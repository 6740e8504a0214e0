namespace ColonyQc.Training.Data;

/// <summary>How the source scale of training images is found, as in scoring (<c>ScoreOptions</c>).</summary>
public sealed record ScaleOptions
{
    /// <summary>Defaults: the file's resolution tags, else 0.8625 um/px (a 4x objective on the EVOS camera).</summary>
    public static ScaleOptions Default { get; } = new();

    /// <summary>Micrometres per source pixel for every image (overrides file tags; a manifest's um_per_px column overrides this).</summary>
    public double? UmPerPixel { get; init; }

    /// <summary>Objective (4x, 10x, 20x, 40x) for every image when the um/px is not given.</summary>
    public string? Objective { get; init; }

    /// <summary>The scale assumed when nothing else says.</summary>
    public double AssumedUmPerPixel { get; init; } = 0.8625;
}
