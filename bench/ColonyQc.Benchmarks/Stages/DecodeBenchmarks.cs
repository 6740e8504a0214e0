using BenchmarkDotNet.Attributes;
using ColonyQc.BenchSupport;
using ColonyQc.Benchmarks.Corpus;
using ColonyQc.Inference.Imaging;

namespace ColonyQc.Benchmarks.Stages;

/// <summary>Decoding one field from memory at full size: ColonyQc's decoder against the plain managed libraries.</summary>
public class DecodeBenchmarks
{
    private byte[] _data = [];

    /// <summary>The file format of the field.</summary>
    [ParamsAllValues]
    public BenchFormat Format { get; set; }

    [GlobalSetup]
    public void Setup() => _data = BenchInputs.Encoded(Format);

    /// <summary>LibTiff.NET (TIFF) or StbImageSharp (PNG, JPEG), scanline by scanline into a new array.</summary>
    [Benchmark(Baseline = true)]
    public int Plain() => Format is BenchFormat.Png or BenchFormat.Jpeg
        ? PlainDecoder.DecodePngOrJpeg(_data).Width
        : PlainDecoder.DecodeTiff(_data).Width;

    /// <summary><see cref="ImageDecoder.Decode"/> at full size into a pooled plane.</summary>
    [Benchmark]
    public int ColonyQc()
    {
        using var image = ImageDecoder.Decode(_data, "benchmark");
        return image.Width;
    }
}
