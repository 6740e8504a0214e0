using NetVips;

namespace ColonyQc.CodecBench;

/// <summary>libvips through NetVips (one worker thread, no cache), decoding the whole image to memory.</summary>
internal sealed class NetVipsCodec : IBenchCodec
{
    public string Name => "NetVips (libvips 8.18)";

    public bool CanDecode(BenchInput input) => true;

    public unsafe void Decode(BenchInput input, PlaneConsumer consumer)
    {
        using var loaded = Image.NewFromBuffer(input.Bytes, string.Empty, Enums.Access.Sequential, Enums.FailOn.Error);
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
