namespace ColonyQc.MLNetAnchor;

/// <summary>Per-class figures on the test part.</summary>
public sealed record ClassMetrics(string Name, int Support, double Precision, double Recall, double F1);

/// <summary>Everything one run measured; written as JSON with --json.</summary>
public sealed record AnchorResult
{
    public required string Recipe { get; init; }
    public required string Train { get; init; }
    public required string Test { get; init; }
    public required int TrainImages { get; init; }
    public required int TestImages { get; init; }
    public required int Seed { get; init; }
    public required IReadOnlyList<string> ClassNames { get; init; }
    public required IReadOnlyList<ClassMetrics> PerClass { get; init; }
    public required double MacroF1 { get; init; }
    public required double MicroAccuracy { get; init; }
    public required double MacroAccuracy { get; init; }
    public required double LogLoss { get; init; }

    /// <summary>Confusion counts, [true class][predicted class], in <see cref="ClassNames"/> order.</summary>
    public required IReadOnlyList<IReadOnlyList<int>> Confusion { get; init; }

    /// <summary>Pipeline.Fit on the training part: image loading, ResNet-18 features and the L-BFGS fit.</summary>
    public required double FitSeconds { get; init; }

    /// <summary>One pass over the test part through the fitted model (IDataView, as Evaluate runs it), per image.</summary>
    public required double ScoreMsPerImage { get; init; }

    /// <summary>Median PredictionEngine latency for one image, after warm-up.</summary>
    public required double PredictionEngineMedianMs { get; init; }

    /// <summary>Images re-encoded as PNG for LoadImages (TIFF), and the seconds that took (not in the times above).</summary>
    public required int ConvertedImages { get; init; }
    public required double ConversionSeconds { get; init; }

    /// <summary>Images left out because no decoder could read them, with the reason.</summary>
    public required IReadOnlyList<string> Skipped { get; init; }
    public required string Machine { get; init; }
}
