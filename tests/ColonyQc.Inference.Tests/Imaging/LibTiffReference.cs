using BitMiracle.LibTiff.Classic;
using LibTiff = BitMiracle.LibTiff.Classic.Tiff;

namespace ColonyQc.Inference.Tests.Imaging;

/// <summary>Reads TIFF files with BitMiracle.LibTiff.NET: the independent reference the in-house decoder is checked against.</summary>
internal static class LibTiffReference
{
    public sealed record Samples(int Width, int Height, int SamplesPerPixel, int BitsPerSample, int Photometric, byte[] Bytes, ushort[][]? ColourMap, short PageCount);

    /// <summary>The decoded first page's samples in host byte order (predictor and compression undone by libtiff).</summary>
    public static Samples Read(byte[] file)
    {
        using var stream = new MemoryStream(file);
        using var tiff = LibTiff.ClientOpen("reference", "r", stream, new TiffStream())
            ?? throw new InvalidOperationException("LibTiff.NET could not open the file");
        var width = tiff.GetField(TiffTag.IMAGEWIDTH)[0].ToInt();
        var height = tiff.GetField(TiffTag.IMAGELENGTH)[0].ToInt();
        var spp = tiff.GetFieldDefaulted(TiffTag.SAMPLESPERPIXEL)[0].ToInt();
        var bps = tiff.GetFieldDefaulted(TiffTag.BITSPERSAMPLE)[0].ToInt();
        var photometric = tiff.GetField(TiffTag.PHOTOMETRIC)[0].ToInt();
        var rowBytes = width * spp * bps / 8;
        var bytes = new byte[rowBytes * height];
        if (tiff.IsTiled())
        {
            var tileWidth = tiff.GetField(TiffTag.TILEWIDTH)[0].ToInt();
            var tileHeight = tiff.GetField(TiffTag.TILELENGTH)[0].ToInt();
            var tile = new byte[tiff.TileSize()];
            var tileRowBytes = tileWidth * spp * bps / 8;
            for (var ty = 0; ty < height; ty += tileHeight)
            {
                for (var tx = 0; tx < width; tx += tileWidth)
                {
                    tiff.ReadTile(tile, 0, tx, ty, 0, 0);
                    var copy = Math.Min(tileWidth, width - tx) * spp * bps / 8;
                    for (var r = 0; r < tileHeight && ty + r < height; r++)
                    {
                        Array.Copy(tile, r * tileRowBytes, bytes, ((ty + r) * rowBytes) + (tx * spp * bps / 8), copy);
                    }
                }
            }
        }
        else
        {
            var row = new byte[tiff.ScanlineSize()];
            for (var y = 0; y < height; y++)
            {
                if (!tiff.ReadScanline(row, y))
                {
                    throw new InvalidOperationException($"LibTiff.NET failed on row {y}");
                }

                Array.Copy(row, 0, bytes, y * rowBytes, rowBytes);
            }
        }

        ushort[][]? map = null;
        if (photometric == (int)Photometric.PALETTE)
        {
            var field = tiff.GetField(TiffTag.COLORMAP);
            map = [field[0].ToUShortArray(), field[1].ToUShortArray(), field[2].ToUShortArray()];
        }

        return new Samples(width, height, spp, bps, photometric, bytes, map, tiff.NumberOfDirectories());
    }
}
