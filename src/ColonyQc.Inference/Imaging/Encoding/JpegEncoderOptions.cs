namespace ColonyQc.Inference.Imaging.Encoding;

/// <summary>How <see cref="JpegEncoder"/> writes a file. Immutable.</summary>
public sealed record JpegEncoderOptions
{
    /// <summary>Quality factor 1-100 (libjpeg scale); EVOS and most tools default to about 90.</summary>
    public int Quality { get; init; } = 90;
}
