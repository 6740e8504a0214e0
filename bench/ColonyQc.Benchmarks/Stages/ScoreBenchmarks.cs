using BenchmarkDotNet.Attributes;
using ColonyQc.Benchmarks.Corpus;
using ColonyQc.Inference;

namespace ColonyQc.Benchmarks.Stages;

/// <summary>
/// One field scored end to end through the public API (<see cref="ColonyClassifier.Score(Stream, string, ScoreOptions?)"/>:
/// decode, resample, quality gate, windows, inference, aggregation) on one thread, with the
/// allocations per image that MemoryDiagnoser sees.
/// </summary>
public class ScoreBenchmarks
{
    private byte[] _data = [];
    private ColonyClassifier? _classifier;
    private readonly ScoreOptions _options = new() { UmPerPixel = FieldSize.SourceUmPerPixel };

    /// <summary>The file format of the field.</summary>
    [ParamsAllValues]
    public BenchFormat Format { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = BenchInputs.Encoded(Format);
        _classifier = ColonyClassifier.Load(BenchInputs.ModelPath, new ClassifierOptions { Threads = 1 });
    }

    [GlobalCleanup]
    public void Cleanup() => _classifier?.Dispose();

    [Benchmark]
    public double ColonyQc()
    {
        using var stream = new MemoryStream(_data, writable: false);
        var score = _classifier!.Score(stream, "benchmark", _options);
        return score.Ok ? score.Confidence : throw new InvalidOperationException("the benchmark field did not score: " + score.Error);
    }
}
