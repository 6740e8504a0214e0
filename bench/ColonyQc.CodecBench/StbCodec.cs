using StbImageSharp;

namespace ColonyQc.CodecBench;

/// <summary>StbImageSharp (managed port of stb_image): PNG and JPEG to grey; allocates its result per image.</summary>
internal sealed class StbCodec : IBenchCodec
{
    public string Name => "StbImageSharp";

    public bool CanDecode(BenchInput input) => input.Container is "png" or "jpeg";

    public void Decode(BenchInput input, PlaneConsumer consumer)
    {
        var image = ImageResult.FromMemory(input.Bytes, ColorComponents.Grey);
        consumer(image.Data, [], image.Width, image.Height);
    }
}
