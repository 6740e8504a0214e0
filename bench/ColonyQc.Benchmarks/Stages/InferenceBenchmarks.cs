using BenchmarkDotNet.Attributes;
using ColonyQc.Benchmarks.Corpus;
using ColonyQc.Inference;
using ColonyQc.Inference.Preprocessing;
using Microsoft.ML.OnnxRuntime;

namespace ColonyQc.Benchmarks.Stages;

/// <summary>
/// All windows of one canonical field through ONNX Runtime, at 1 and 2 intra-op threads: the
/// classifier's batched call (which also normalises into its batch) against the plain way of
/// running one window per <c>Run</c>, and against one raw batched <c>Run</c> on a prepared batch
/// (the floor the library's own overhead is measured from).
/// </summary>
public class InferenceBenchmarks
{
    private CanonicalPlane? _plane;
    private WindowLayout _layout;
    private ColonyClassifier? _classifier;
    private InferenceSession? _session;
    private RunOptions? _runOptions;
    private float[] _batch = [];
    private string _inputName = "input";

    /// <summary>ONNX Runtime intra-op threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _plane = BenchInputs.CanonicalPlane();
        _layout = BenchInputs.Layout(_plane);
        _classifier = ColonyClassifier.Load(BenchInputs.ModelPath, new ClassifierOptions { Threads = Threads });
        using var options = new SessionOptions { IntraOpNumThreads = Threads, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        _session = new InferenceSession(BenchInputs.ModelPath, options);
        _runOptions = new RunOptions();
        _inputName = BenchInputs.Manifest.InputName;
        using var prepared = WindowBatch.Rent(_layout.Count, _layout.WindowSize);
        for (var i = 0; i < _layout.Count; i++)
        {
            BatchWriter.Append(prepared, _plane, _layout, i, BenchInputs.Manifest.Normalization);
        }

        _batch = prepared.Data.ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _classifier?.Dispose();
        _session?.Dispose();
        _runOptions?.Dispose();
        _plane?.Dispose();
    }

    /// <summary>One <c>InferenceSession.Run</c> per window (batch 1), fresh tensors each time.</summary>
    [Benchmark(Baseline = true)]
    public float OneWindowPerRun()
    {
        var size = _layout.WindowSize;
        var length = size * size;
        var last = 0f;
        for (var i = 0; i < _layout.Count; i++)
        {
            var window = _batch.AsSpan(i * length, length).ToArray();
            using var input = OrtValue.CreateTensorValueFromMemory(window, [1, 1, size, size]);
            using var outputs = _session!.Run(_runOptions, [_inputName], [input], _session.OutputNames);
            last = outputs[0].GetTensorDataAsSpan<float>()[0];
        }

        return last;
    }

    /// <summary>One raw <c>Run</c> over the prepared batch of all windows (no normalisation inside).</summary>
    [Benchmark]
    public float RawBatchedRun()
    {
        var size = _layout.WindowSize;
        using var input = OrtValue.CreateTensorValueFromMemory(_batch, [_layout.Count, 1, size, size]);
        using var outputs = _session!.Run(_runOptions, [_inputName], [input], _session.OutputNames);
        return outputs[0].GetTensorDataAsSpan<float>()[0];
    }

    /// <summary><see cref="ColonyClassifier.WindowLogits(CanonicalPlane, WindowLayout)"/>: normalise into pooled batches and run them.</summary>
    [Benchmark]
    public float ColonyQc() => _classifier!.WindowLogits(_plane!, _layout)[0];
}
