using BenchmarkDotNet.Attributes;
using ColonyQc.Benchmarks.Baselines;
using ColonyQc.Benchmarks.Corpus;
using ColonyQc.Inference.Preprocessing;

namespace ColonyQc.Benchmarks.Stages;

/// <summary>
/// Normalising every window of one canonical field into an NCHW batch (with each window's
/// texture). The input is a float plane, so the source format plays no part.
/// </summary>
public class NormaliseBenchmarks
{
    private CanonicalPlane? _plane;
    private float[] _planeArray = [];
    private WindowLayout _layout;
    private WindowBatch? _batch;

    [GlobalSetup]
    public void Setup()
    {
        _plane = BenchInputs.CanonicalPlane();
        _planeArray = _plane.Pixels.ToArray();
        _layout = BenchInputs.Layout(_plane);
        _batch = WindowBatch.Rent(_layout.Count, _layout.WindowSize);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _batch?.Dispose();
        _plane?.Dispose();
    }

    /// <summary>Per window, per pixel: reflect, read, normalise, write, sum, into a new array.</summary>
    [Benchmark(Baseline = true)]
    public int NaivePerPixel() =>
        NaiveWindowNormaliser.Normalise(_planeArray, _plane!.Width, _plane.Height, _layout, BenchInputs.Manifest.Normalization).Batch.Length;

    /// <summary><see cref="BatchWriter.Append(WindowBatch, CanonicalPlane, WindowLayout, int, Inference.Model.InputNormalization)"/> for every window into a reused pooled batch.</summary>
    [Benchmark]
    public int ColonyQc()
    {
        var batch = _batch!;
        batch.Clear();
        var normalization = BenchInputs.Manifest.Normalization;
        for (var i = 0; i < _layout.Count; i++)
        {
            BatchWriter.Append(batch, _plane!, _layout, i, normalization);
        }

        return batch.Count;
    }
}
