namespace ColonyQc.Training.Data;

/// <summary>
/// One labelled image decoded and resampled to the model's canonical scale by the scoring code,
/// held in memory for training: a [0,1] grey plane plus its label, group and colony boxes.
/// </summary>
/// <param name="Source">The labelled image it came from.</param>
/// <param name="Width">Canonical width in pixels.</param>
/// <param name="Height">Canonical height in pixels.</param>
/// <param name="Pixels">Row-major [0,1] grey, length Width*Height.</param>
/// <param name="Colonies">Annotated colony boxes in canonical pixels; null when the data set has no annotations.</param>
/// <param name="Sha256">SHA-256 of the file bytes (lower-case hex), for the data manifest hash.</param>
public sealed record CanonicalImage(LabelledImage Source, int Width, int Height, float[] Pixels, IReadOnlyList<ColonyBox>? Colonies, string Sha256)
{
    /// <summary>The image's label index.</summary>
    public int Label => Source.Label;

    /// <summary>The image's splitting group.</summary>
    public string Group => Source.Group;
}
