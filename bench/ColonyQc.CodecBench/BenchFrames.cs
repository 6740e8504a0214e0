using ColonyQc.Inference.Imaging.Encoding;

namespace ColonyQc.CodecBench;

/// <summary>
/// Generates the 2048x1536 test frames: a vignetted, unevenly lit background, cell-sized texture and shot
/// noise, so compressors see micrograph-like entropy rather than a constant or pure noise.
/// </summary>
internal static class BenchFrames
{
    public const int Width = 2048;
    public const int Height = 1536;
    public const double UmPerPixel = 0.86;

    public static IEnumerable<BenchInput> Generate()
    {
        var grey16 = Render(seed: 1);
        var grey8 = grey16.Select(v => (byte)(v >> 8)).ToArray();
        yield return new BenchInput("TIFF 8-bit raw", "tiff", TiffEncoder.Encode(grey8, Width, Height), UmPerPixel);
        yield return new BenchInput("TIFF 8-bit LZW", "tiff", TiffEncoder.Encode(grey8, Width, Height, new TiffEncoderOptions { Compression = TiffCompression.Lzw }), UmPerPixel);
        yield return new BenchInput("TIFF 16-bit raw", "tiff", TiffEncoder.Encode(grey16, Width, Height), UmPerPixel);
        yield return new BenchInput("TIFF 16-bit LZW", "tiff", TiffEncoder.Encode(grey16, Width, Height, new TiffEncoderOptions { Compression = TiffCompression.Lzw }), UmPerPixel);
        yield return new BenchInput("PNG 8-bit", "png", PngEncoder.Encode(grey8, Width, Height), UmPerPixel);
        var jpeg = JpegEncoder.Encode(grey8, Width, Height, new JpegEncoderOptions { Quality = 90 });
        yield return new BenchInput("JPEG q90", "jpeg", jpeg, UmPerPixel);
        yield return new BenchInput("JPEG q90 as 10x (0.345 um/px)", "jpeg", jpeg, 0.345);
    }

    private static ushort[] Render(int seed)
    {
        var random = new Random(seed);
        var cells = Enumerable.Range(0, 900).Select(_ => (X: random.NextDouble() * Width, Y: random.NextDouble() * Height, R: 4 + (random.NextDouble() * 10), A: (random.NextDouble() - 0.4) * 9000)).ToArray();
        var pixels = new ushort[Width * Height];
        var texture = new float[Width * Height];
        foreach (var (cx, cy, r, a) in cells)
        {
            var r2 = r * r;
            for (var y = Math.Max(0, (int)(cy - r)); y < Math.Min(Height, (int)(cy + r) + 1); y++)
            {
                for (var x = Math.Max(0, (int)(cx - r)); x < Math.Min(Width, (int)(cx + r) + 1); x++)
                {
                    var d2 = ((x - cx) * (x - cx)) + ((y - cy) * (y - cy));
                    if (d2 < r2)
                    {
                        texture[(y * Width) + x] += (float)(a * (1 - (d2 / r2)));
                    }
                }
            }
        }

        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var dx = (x - (Width * 0.55)) / Width;
                var dy = (y - (Height * 0.45)) / Height;
                var background = 36000 * (1 - (0.9 * ((dx * dx) + (dy * dy)))) + (3000 * x / Width);
                var noise = (random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5) * 1200;
                pixels[(y * Width) + x] = (ushort)Math.Clamp(background + texture[(y * Width) + x] + noise, 0, 65535);
            }
        }

        return pixels;
    }
}
