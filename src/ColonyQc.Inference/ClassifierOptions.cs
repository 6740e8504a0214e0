namespace ColonyQc.Inference;

/// <summary>How a <see cref="ColonyClassifier"/> uses the machine. Immutable; fixed when the model is loaded.</summary>
public sealed record ClassifierOptions
{
    /// <summary>The defaults: every core, batches of 32 windows.</summary>
    public static ClassifierOptions Default { get; } = new();

    /// <summary>
    /// Worker threads that decode and preprocess images in batch scoring, and ONNX Runtime's
    /// intra-op threads. Default: one per core. Results do not depend on it.
    /// </summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Windows per ONNX Runtime call (batches may span images). Larger batches amortise call
    /// overhead; results do not depend on it.
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
