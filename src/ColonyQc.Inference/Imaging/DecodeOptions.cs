namespace ColonyQc.Inference.Imaging;

/// <summary>How to decode an image. Immutable; <see cref="Default"/> is the scoring default.</summary>
public sealed record DecodeOptions
{
    /// <summary>The defaults used by scoring and training.</summary>
    public static DecodeOptions Default { get; } = new();

    /// <summary>
    /// Declared images larger than this (width*height) are refused before any pixel buffer is
    /// allocated. Default 100 megapixels: an EVOS frame is 3.1.
    /// </summary>
    public long MaxPixels { get; init; } = 100_000_000;

    /// <summary>
    /// The largest shrink-on-load factor (1, 2, 4 or 8) a codec may use when the format allows
    /// decoding straight to a reduced size (JPEG DCT scaling). 1 means always full size.
    /// Callers derive it from the source and canonical scale so the result never drops below the
    /// model's canonical resolution.
    /// </summary>
    public int MaxShrinkFactor { get; init; } = 1;

    /// <summary>
    /// Check the CRC-32 of every PNG chunk. Off by default: it costs a pass over the compressed data, and the
    /// inflater already rejects nearly all corrupt pixel data (invalid codes, or rows that end early).
    /// </summary>
    public bool VerifyChecksums { get; init; }
}
