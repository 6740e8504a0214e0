using ColonyQc.Inference.Imaging;

namespace ColonyQc.CodecBench;

/// <summary>
/// ColonyQc's ImageDecoder: in-house TIFF/PNG/BMP, NetVips for JPEG. With <c>shrinkOnLoad</c> it lets JPEG
/// decode straight to the largest DCT scale (1/2, 1/4, 1/8) that stays finer than the 1.5 um/px target.
/// </summary>
internal sealed class ColonyQcCodec(bool shrinkOnLoad) : IBenchCodec
{
    public string Name => shrinkOnLoad ? "ColonyQc, JPEG shrink-on-load" : "ColonyQc ImageDecoder";

    public bool CanDecode(BenchInput input) => !shrinkOnLoad || input.Container == "jpeg";

    public void Decode(BenchInput input, PlaneConsumer consumer)
    {
        var options = shrinkOnLoad ? new DecodeOptions { MaxShrinkFactor = (int)Math.Floor(Program.TargetUmPerPixel / input.UmPerPixel) } : DecodeOptions.Default;
        using var image = ImageDecoder.Decode(input.Bytes, input.Label, options);
        consumer(image.Pixels8, image.Pixels16, image.Width, image.Height);
    }
}
