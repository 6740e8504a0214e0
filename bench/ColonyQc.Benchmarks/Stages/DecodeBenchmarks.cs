using BenchmarkDotNet.Attributes;
using ColonyQc.BenchSupport;
using ColonyQc.Benchmarks.Corpus;
using ColonyQc.Inference.Imaging;

namespace ColonyQc.Benchmarks.Stages;

/// <summary>
/// Decoding one field at full size: ColonyQc's decoder from memory and from a file (the scoring
/// path: read into a pooled buffer, an uncompressed TIFF's pixels kept where they were read) against
/// the plain managed libraries from memory.
/// </summary>
public class DecodeBenchmarks
{
    private byte[] _data = [];
    private string _path = "";

    /// <summary>The file format of the field.</summary>
    [ParamsAllValues]
    public BenchFormat Format { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = BenchInputs.Encoded(Format);
        _path = Path.Combine(Path.GetTempPath(), $"colonyqc-bench-{Guid.NewGuid():N}.{Format}".ToLowerInvariant());
        File.WriteAllBytes(_path, _data);
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    /// <summary>LibTiff.NET (TIFF) or StbImageSharp (PNG, JPEG), scanline by scanline into a new array.</summary>
    [Benchmark(Baseline = true)]
    public int Plain() => Format is BenchFormat.Png or BenchFormat.Jpeg
        ? PlainDecoder.DecodePngOrJpeg(_data).Width
        : PlainDecoder.DecodeTiff(_data).Width;

    /// <summary><see cref="ImageDecoder.Decode(ReadOnlySpan{byte}, string, DecodeOptions?)"/> from memory at full size into a pooled plane.</summary>
    [Benchmark]
    public int ColonyQc()
    {
        using var image = ImageDecoder.Decode(_data, "benchmark");
        return image.Width;
    }

    /// <summary><see cref="ImageDecoder.DecodeFile"/> from the page cache: the file read is included.</summary>
    [Benchmark]
    public int ColonyQcFromFile()
    {
        using var image = ImageDecoder.DecodeFile(_path);
        return image.Width;
    }
}
