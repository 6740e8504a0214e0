using BenchmarkDotNet.Attributes;
using ColonyQc.BenchSupport;
using ColonyQc.Benchmarks.Baselines;
using ColonyQc.Benchmarks.Corpus;
using ColonyQc.Inference.Imaging;
using ColonyQc.Inference.Preprocessing;

namespace ColonyQc.Benchmarks.Stages;

/// <summary>
/// The whole per-image preprocessing path, everything but inference: encoded bytes in memory ->
/// decode -> resample to canonical scale -> every window normalised into an NCHW batch. The
/// ColonyQc path reuses one pooled batch as the scoring pipeline does, so MemoryDiagnoser's
/// "Allocated" column is the steady-state heap allocation per image.
/// </summary>
public class PreprocessingPathBenchmarks
{
    private byte[] _data = [];
    private WindowBatch? _batch;
    private DecodeOptions _decodeOptions = DecodeOptions.Default;

    /// <summary>The file format of the field.</summary>
    [ParamsAllValues]
    public BenchFormat Format { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = BenchInputs.Encoded(Format);
        _decodeOptions = BenchInputs.ScoringDecodeOptions;
        using var plane = BenchInputs.CanonicalPlane();
        var layout = BenchInputs.Layout(plane);
        _batch = WindowBatch.Rent(layout.Count, layout.WindowSize);
    }

    [GlobalCleanup]
    public void Cleanup() => _batch?.Dispose();

    /// <summary>Plain decoder, per-pixel area resample, per-pixel normalise, each into new arrays.</summary>
    [Benchmark(Baseline = true)]
    public int Plain()
    {
        var manifest = BenchInputs.Manifest;
        float[] plane;
        int width, height;
        if (Format is BenchFormat.Png or BenchFormat.Jpeg)
        {
            var (samples, w, h) = PlainDecoder.DecodePngOrJpeg(_data);
            (width, height) = CanonicalResampler.TargetSize(w, h, FieldSize.SourceUmPerPixel, manifest.UmPerPixel);
            plane = NaiveAreaResampler.Resample(samples, w, h, width, height);
        }
        else
        {
            var (samples, w, h) = PlainDecoder.DecodeTiff(_data);
            (width, height) = CanonicalResampler.TargetSize(w, h, FieldSize.SourceUmPerPixel, manifest.UmPerPixel);
            plane = samples is ushort[] s16
                ? NaiveAreaResampler.Resample(s16, w, h, width, height)
                : NaiveAreaResampler.Resample((byte[])samples, w, h, width, height);
        }

        var layout = WindowLayout.For(width, height, manifest.WindowSize, manifest.WindowStride);
        return NaiveWindowNormaliser.Normalise(plane, width, height, layout, manifest.Normalization).Batch.Length;
    }

    /// <summary>ImageDecoder (with the scoring decode options) -> CanonicalResampler -> BatchWriter into a reused batch.</summary>
    [Benchmark]
    public int ColonyQc()
    {
        var manifest = BenchInputs.Manifest;
        using var image = ImageDecoder.Decode(_data, "benchmark", _decodeOptions);
        using var plane = CanonicalResampler.Resample(image, FieldSize.SourceUmPerPixel, manifest.UmPerPixel);
        var layout = WindowLayout.For(plane.Width, plane.Height, manifest.WindowSize, manifest.WindowStride);
        var batch = _batch!;
        batch.Clear();
        for (var i = 0; i < layout.Count; i++)
        {
            BatchWriter.Append(batch, plane, layout, i, manifest.Normalization);
        }

        return batch.Count;
    }
}
