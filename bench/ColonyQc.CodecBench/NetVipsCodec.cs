using NetVips;

namespace ColonyQc.CodecBench;

/// <summary>
/// libvips through NetVips (one worker thread, no cache), decoding the whole image to memory. With
/// <c>shrinkOnLoad</c> a JPEG decodes straight to the largest DCT scale (1/2, 1/4, 1/8) that stays finer than
/// the 1.5 um/px target: what ColonyQc did while it decoded JPEG through libvips.
/// </summary>
internal sealed class NetVipsCodec(bool shrinkOnLoad = false) : IBenchCodec
{
    public string Name => shrinkOnLoad ? "NetVips (libvips 8.18), JPEG shrink-on-load" : "NetVips (libvips 8.18)";

    public bool CanDecode(BenchInput input) => !shrinkOnLoad || input.Container == "jpeg";

    public unsafe void Decode(BenchInput input, PlaneConsumer consumer)
    {
        var factor = (int)Math.Floor(Program.TargetUmPerPixel / input.UmPerPixel);
        var shrink = !shrinkOnLoad ? 1 : factor >= 8 ? 8 : factor >= 4 ? 4 : factor >= 2 ? 2 : 1;
        using var loaded = shrink == 1
            ? Image.NewFromBuffer(input.Bytes, string.Empty, Enums.Access.Sequential, Enums.FailOn.Error)
            : Image.NewFromBuffer(input.Bytes, string.Empty, Enums.Access.Sequential, Enums.FailOn.Error, new VOption { { "shrink", shrink } });
        using var grey = loaded.Bands > 1 ? loaded.ExtractBand(0) : loaded.Copy();
        var pointer = grey.WriteToMemory(out var size);
        try
        {
            if (grey.Format == Enums.BandFormat.Ushort)
            {
                consumer([], new ReadOnlySpan<ushort>((void*)pointer, (int)size / 2), grey.Width, grey.Height);
            }
            else
            {
                consumer(new ReadOnlySpan<byte>((void*)pointer, (int)size), [], grey.Width, grey.Height);
            }
        }
        finally
        {
            NetVips.NetVips.Free(pointer);
        }
    }
}
