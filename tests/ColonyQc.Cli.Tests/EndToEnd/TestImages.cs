using ColonyQc.Inference.Imaging.Encoding;

namespace ColonyQc.Cli.Tests.EndToEnd;

/// <summary>Small generated microscope-like fields and the bad files scoring must survive.</summary>
internal static class TestImages
{
    public const int Width = 256;
    public const int Height = 192;

    /// <summary>An 8-bit field: a bright-rimmed textured disc on a noisy background; <paramref name="seed"/> varies it.</summary>
    public static byte[] Field8(int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[Width * Height];
        double cx = 60 + random.Next(130), cy = 50 + random.Next(90), r = 30 + random.Next(40);
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var d = Math.Sqrt(((x - cx) * (x - cx)) + ((y - cy) * (y - cy)));
                double v = 120 + random.Next(-6, 7);
                if (d < r)
                {
                    v = 90 + (40 * Math.Sin(x * 0.9) * Math.Cos(y * 0.7)) + random.Next(-20, 21);
                }
                else if (d < r + 3)
                {
                    v = 220;
                }

                pixels[(y * Width) + x] = (byte)Math.Clamp(v, 0, 255);
            }
        }

        return pixels;
    }

    public static byte[] Tiff8(int seed) => TiffEncoder.Encode(Field8(seed), Width, Height);

    public static byte[] Tiff16(int seed) => TiffEncoder.Encode(Field8(seed).Select(v => (ushort)(v * 200)).ToArray(), Width, Height, new TiffEncoderOptions { Compression = TiffCompression.Lzw });

    public static byte[] Png(int seed) => PngEncoder.Encode(Field8(seed), Width, Height);

    public static byte[] Jpeg(int seed) => JpegEncoder.Encode(Field8(seed), Width, Height);

    /// <summary>Writes <paramref name="count"/> images cycling through TIFF 8/16-bit, PNG and JPEG; returns their paths.</summary>
    public static List<string> WriteMix(string folder, int count, string prefix = "img")
    {
        var paths = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var (bytes, ext) = (i % 4) switch
            {
                0 => (Tiff8(i), ".tif"),
                1 => (Tiff16(i), ".tif"),
                2 => (Png(i), ".png"),
                _ => (Jpeg(i), ".jpg"),
            };
            var path = Path.Combine(folder, $"{prefix}{i:000}{ext}");
            File.WriteAllBytes(path, bytes);
            paths.Add(path);
        }

        return paths;
    }

    /// <summary>A valid TIFF whose header declares 60000 x 60000 pixels (3.6 gigapixels): must be refused before allocation.</summary>
    public static byte[] HugeDeclaredTiff()
    {
        var tiff = TiffEncoder.Encode(new byte[16 * 16], 16, 16);
        var ifd = (int)BitConverter.ToUInt32(tiff, 4);
        var entries = BitConverter.ToUInt16(tiff, ifd);
        for (var e = 0; e < entries; e++)
        {
            var at = ifd + 2 + (e * 12);
            var tag = BitConverter.ToUInt16(tiff, at);
            var type = BitConverter.ToUInt16(tiff, at + 2);
            if (tag is 256 or 257)
            {
                if (type == 3)
                {
                    BitConverter.GetBytes((ushort)60000).CopyTo(tiff, at + 8);
                }
                else
                {
                    BitConverter.GetBytes(60000u).CopyTo(tiff, at + 8);
                }
            }
        }

        return tiff;
    }
}
