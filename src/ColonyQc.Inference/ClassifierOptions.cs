namespace ColonyQc.Inference;

/// <summary>How a <see cref="ColonyClassifier"/> uses the machine. Immutable; fixed when the model is loaded.</summary>
public sealed record ClassifierOptions
{
    /// <summary>The defaults: every core, network calls of 8 windows.</summary>
    public static ClassifierOptions Default { get; } = new();

    /// <summary>
    /// Threads, each doing all the work of one image at a time (decode, preprocess, network on one
    /// ONNX Runtime thread) in batch and streaming scoring; for one image alone, its network calls
    /// run on this many threads at once. Default: one per core. Results do not depend on it, bit for bit.
    /// </summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Windows in one network call (the N of the N x 1 x W x W input tensor); an image's windows go in
    /// calls of this many. Larger calls cost less per window, up to a point (docs/performance.md);
    /// results do not depend on it, bit for bit.
    /// </summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Checks the values and returns the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is not positive.</exception>
    public ClassifierOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Threads);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize);
        return this;
    }
}
