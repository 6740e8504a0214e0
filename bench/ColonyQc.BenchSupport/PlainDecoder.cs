using BitMiracle.LibTiff.Classic;
using StbImageSharp;

namespace ColonyQc.BenchSupport;

/// <summary>
/// The decode a developer gets from the plain managed libraries, used the obvious way: LibTiff.NET
/// scanline by scanline for TIFF (8- or 16-bit grey, any compression it knows), StbImageSharp for
/// PNG and JPEG, each allocating its result per image.
/// </summary>
public static class PlainDecoder
{
    /// <summary>Decodes a grey TIFF to its samples: <see cref="byte"/>[] for 8-bit, <see cref="ushort"/>[] for 16-bit.</summary>
    /// <exception cref="InvalidDataException">LibTiff.NET cannot open the data.</exception>
    public static (Array Samples, int Width, int Height) DecodeTiff(byte[] data)
    {
        using var stream = new MemoryStream(data, writable: false);
        using var tiff = Tiff.ClientOpen("benchmark.tif", "r", stream, new TiffStream())
            ?? throw new InvalidDataException("LibTiff.NET could not open the benchmark TIFF");
        var width = tiff.GetField(TiffTag.IMAGEWIDTH)[0].ToInt();
        var height = tiff.GetField(TiffTag.IMAGELENGTH)[0].ToInt();
        var bits = tiff.GetField(TiffTag.BITSPERSAMPLE)[0].ToInt();
        var scanline = new byte[tiff.ScanlineSize()];
        if (bits == 16)
        {
            var samples16 = new ushort[width * height];
            for (var y = 0; y < height; y++)
            {
                tiff.ReadScanline(scanline, y);
                Buffer.BlockCopy(scanline, 0, samples16, y * width * 2, width * 2);
            }

            return (samples16, width, height);
        }

        var samples = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            tiff.ReadScanline(scanline, y);
            Buffer.BlockCopy(scanline, 0, samples, y * width, width);
        }

        return (samples, width, height);
    }

    /// <summary>Decodes a PNG or JPEG to 8-bit grey with StbImageSharp.</summary>
    public static (byte[] Samples, int Width, int Height) DecodePngOrJpeg(byte[] data)
    {
        var image = ImageResult.FromMemory(data, ColorComponents.Grey);
        return (image.Data, image.Width, image.Height);
    }
}
