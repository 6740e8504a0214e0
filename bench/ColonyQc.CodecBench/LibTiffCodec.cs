using System.Runtime.InteropServices;
using BitMiracle.LibTiff.Classic;

namespace ColonyQc.CodecBench;

/// <summary>BitMiracle.LibTiff.NET reading whole strips into one reused buffer (pooled, as MEASUREMENTS.md advises).</summary>
internal sealed class LibTiffCodec : IBenchCodec
{
    private byte[] _buffer = [];

    public string Name => "BitMiracle.LibTiff.NET";

    public bool CanDecode(BenchInput input) => input.Container == "tiff";

    public void Decode(BenchInput input, PlaneConsumer consumer)
    {
        using var stream = new MemoryStream(input.Bytes, writable: false);
        using var tiff = Tiff.ClientOpen("bench", "r", stream, new TiffStream()) ?? throw new InvalidOperationException("LibTiff.NET cannot open " + input.Label);
        var width = tiff.GetField(TiffTag.IMAGEWIDTH)[0].ToInt();
        var height = tiff.GetField(TiffTag.IMAGELENGTH)[0].ToInt();
        var bits = tiff.GetFieldDefaulted(TiffTag.BITSPERSAMPLE)[0].ToInt();
        var size = width * height * (bits / 8);
        if (_buffer.Length < size)
        {
            _buffer = new byte[size];
        }

        var offset = 0;
        for (var strip = 0; strip < tiff.NumberOfStrips() && offset < size; strip++)
        {
            offset += tiff.ReadEncodedStrip(strip, _buffer, offset, Math.Min(tiff.StripSize(), size - offset));
        }

        var photometric = tiff.GetField(TiffTag.PHOTOMETRIC)[0].ToInt();
        if (photometric == (int)Photometric.PALETTE)
        {
            var map = tiff.GetField(TiffTag.COLORMAP);
            var red = map[0].ToUShortArray();
            var green = map[1].ToUShortArray();
            var blue = map[2].ToUShortArray();
            Span<byte> grey = stackalloc byte[256];
            for (var i = 0; i < 256; i++)
            {
                grey[i] = (byte)(((19595 * (red[i] >> 8)) + (38470 * (green[i] >> 8)) + (7471 * (blue[i] >> 8)) + 32768) >> 16);
            }

            var pixels = _buffer.AsSpan(0, size);
            for (var i = 0; i < pixels.Length; i++)
            {
                pixels[i] = grey[pixels[i]];
            }
        }

        if (bits == 16)
        {
            consumer([], MemoryMarshal.Cast<byte, ushort>(_buffer.AsSpan(0, size)), width, height);
        }
        else
        {
            consumer(_buffer.AsSpan(0, size), [], width, height);
        }
    }
}
