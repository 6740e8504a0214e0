using ColonyQc.Inference.Imaging;

namespace ColonyQc.CodecBench;

/// <summary>ColonyQc's ImageDecoder: in-house TIFF/PNG/BMP, ImageSharp 2.1.13 for JPEG (full-size decode).</summary>
internal sealed class ColonyQcCodec : IBenchCodec
{
    public string Name => "ColonyQc ImageDecoder";

    public bool CanDecode(BenchInput input) => true;

    public void Decode(BenchInput input, PlaneConsumer consumer)
    {
        using var image = ImageDecoder.Decode(input.Bytes, input.Label);
        consumer(image.Pixels8, image.Pixels16, image.Width, image.Height);
    }
}
