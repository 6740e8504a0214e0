using BenchmarkDotNet.Attributes;
using ColonyQc.Benchmarks.Baselines;
using ColonyQc.Benchmarks.Corpus;
using ColonyQc.Inference.Imaging;
using ColonyQc.Inference.Preprocessing;

namespace ColonyQc.Benchmarks.Stages;

/// <summary>
/// Area resampling of one decoded field to the model's canonical scale. Only the bit depth of the
/// decoded plane matters here (every 8-bit container decodes to the same kind of plane), so the
/// parameter is the bit depth, not the container.
/// </summary>
public class ResampleBenchmarks
{
    private GreyImage? _image;
    private byte[] _samples8 = [];
    private ushort[] _samples16 = [];
    private (int Width, int Height) _target;

    /// <summary>8 or 16 bits per sample.</summary>
    [Params(8, 16)]
    public int BitDepth { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _image = ImageDecoder.Decode(BenchInputs.Encoded(BitDepth == 16 ? BenchFormat.Tiff16 : BenchFormat.Tiff8), "benchmark");
        _samples8 = _image.Pixels8.ToArray();
        _samples16 = _image.Pixels16.ToArray();
        _target = CanonicalResampler.TargetSize(_image.Width, _image.Height, FieldSize.SourceUmPerPixel, BenchInputs.Manifest.UmPerPixel);
    }

    [GlobalCleanup]
    public void Cleanup() => _image?.Dispose();

    /// <summary>Per target pixel, per source pixel, indexed reads with fractional weights in double.</summary>
    [Benchmark(Baseline = true)]
    public int NaivePerPixel() => BitDepth == 16
        ? NaiveAreaResampler.Resample(_samples16, _image!.Width, _image.Height, _target.Width, _target.Height).Length
        : NaiveAreaResampler.Resample(_samples8, _image!.Width, _image.Height, _target.Width, _target.Height).Length;

    /// <summary><see cref="CanonicalResampler.Resample(GreyImage, double, double)"/> into a pooled plane.</summary>
    [Benchmark]
    public int ColonyQc()
    {
        using var plane = CanonicalResampler.Resample(_image!, FieldSize.SourceUmPerPixel, BenchInputs.Manifest.UmPerPixel);
        return plane.Width;
    }
}
