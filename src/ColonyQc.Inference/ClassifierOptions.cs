namespace ColonyQc.Inference;

/// <summary>How a <see cref="ColonyClassifier"/> uses the machine. Immutable; fixed when the model is loaded.</summary>
public sealed record ClassifierOptions
{
    /// <summary>The defaults: every core, batches of 32 windows.</summary>
    public static ClassifierOptions Default { get; } = new();

    /// <summary>
    /// Worker threads that decode and preprocess images in batch scoring, and the number of network
    /// calls (chunks of 8 windows, each on one ONNX Runtime thread) run at once. Default: one per
    /// core. Results do not depend on it, bit for bit.
    /// </summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Windows gathered (across images) before the network runs them, in parallel chunks of 8.
    /// Larger batches keep every thread busy on small images; results do not depend on it.
    /// </summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Checks the values and returns the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is not positive.</exception>
    public ClassifierOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Threads);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize);
        return this;
    }
}
