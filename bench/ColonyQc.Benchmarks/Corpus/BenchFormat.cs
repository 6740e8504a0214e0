namespace ColonyQc.Benchmarks.Corpus;

/// <summary>The file formats an EVOS-style field is benchmarked in.</summary>
public enum BenchFormat
{
    /// <summary>Uncompressed 8-bit grey TIFF (the EVOS default).</summary>
    Tiff8,

    /// <summary>Uncompressed 16-bit grey TIFF.</summary>
    Tiff16,

    /// <summary>LZW-compressed 8-bit grey TIFF with the horizontal predictor.</summary>
    TiffLzw,

    /// <summary>8-bit grey PNG.</summary>
    Png,

    /// <summary>8-bit grey baseline JPEG, quality 90.</summary>
    Jpeg,
}
