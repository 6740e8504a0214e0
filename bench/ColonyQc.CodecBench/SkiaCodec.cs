using SkiaSharp;

namespace ColonyQc.CodecBench;

/// <summary>SkiaSharp 2.88.9 (the version ML.NET ImageAnalytics needs): PNG and JPEG to Gray8, optionally JPEG scaled decode.</summary>
internal sealed class SkiaCodec(bool scaled) : IBenchCodec
{
    private byte[] _buffer = [];

    public string Name => scaled ? "SkiaSharp 2.88.9, JPEG scaled decode" : "SkiaSharp 2.88.9";

    public bool CanDecode(BenchInput input) => scaled ? input.Container == "jpeg" : input.Container is "png" or "jpeg";

    public unsafe void Decode(BenchInput input, PlaneConsumer consumer)
    {
        using var data = SKData.CreateCopy(input.Bytes);
        using var codec = SKCodec.Create(data) ?? throw new InvalidOperationException("Skia cannot open " + input.Label);
        var size = codec.Info.Size;
        if (scaled)
        {
            // The largest DCT scale that keeps the result finer than the target scale.
            var factor = Math.Max(1, (int)Math.Floor(Program.TargetUmPerPixel / input.UmPerPixel));
            factor = factor >= 8 ? 8 : factor >= 4 ? 4 : factor >= 2 ? 2 : 1;
            size = codec.GetScaledDimensions(1f / factor);
        }

        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        if (_buffer.Length < info.BytesSize)
        {
            _buffer = GC.AllocateArray<byte>(info.BytesSize, pinned: true);
        }

        fixed (byte* pointer = _buffer)
        {
            var result = codec.GetPixels(info, (IntPtr)pointer);
            if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
            {
                throw new InvalidOperationException($"Skia failed on {input.Label}: {result}");
            }
        }

        consumer(_buffer.AsSpan(0, info.BytesSize), [], size.Width, size.Height);
    }
}
