using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ColonyQc.CodecBench;

/// <summary>
/// SixLabors.ImageSharp 2.1.13 (managed, Apache-2.0), decoding straight to 8-bit grey (<see cref="L8"/>)
/// with its own parallelism off, as the library would run it on its own worker threads. 2.1 has no
/// DCT-scaled JPEG decode (<c>DecoderOptions.TargetSize</c> arrived in 3.0), so "decode + resample" is
/// always a full-size decode followed by the shared resampler.
/// </summary>
internal sealed class ImageSharpCodec : IBenchCodec
{
    private static readonly Configuration SingleThread = CreateConfiguration();
    private byte[] _buffer = [];

    public string Name => "SixLabors.ImageSharp 2.1.13";

    public bool CanDecode(BenchInput input) => input.Container is "png" or "jpeg";

    public void Decode(BenchInput input, PlaneConsumer consumer)
    {
        using var image = Image.Load<L8>(SingleThread, input.Bytes);
        var size = image.Width * image.Height;
        if (_buffer.Length < size)
        {
            _buffer = new byte[size];
        }

        image.CopyPixelDataTo(_buffer.AsSpan(0, size));
        consumer(_buffer.AsSpan(0, size), [], image.Width, image.Height);
    }

    private static Configuration CreateConfiguration()
    {
        var configuration = Configuration.Default.Clone();
        configuration.MaxDegreeOfParallelism = 1;
        return configuration;
    }
}
