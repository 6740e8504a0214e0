using ColonyQc.Inference.Imaging.Encoding;

namespace ColonyQc.Training.Tests;

/// <summary>Writes small grey test images and folders of them into a temporary directory.</summary>
internal sealed class TestImages : IDisposable
{
    public TestImages()
    {
        Root = Path.Combine(Path.GetTempPath(), "colonyqc-training-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>An 8-bit TIFF with a textured blob whose contrast depends on <paramref name="level"/>.</summary>
    public string WriteTiff(string relativePath, int width, int height, int level, int seed)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, TiffEncoder.Encode(Pixels(width, height, level, seed), width, height));
        return path;
    }

    public string WriteBytes(string relativePath, byte[] bytes)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public static byte[] Pixels(int width, int height, int level, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height];
        var cx = width * (0.3 + (0.4 * random.NextDouble()));
        var cy = height * (0.3 + (0.4 * random.NextDouble()));
        var r = Math.Min(width, height) * 0.3;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var inside = ((x - cx) * (x - cx)) + ((y - cy) * (y - cy)) < r * r;
                var texture = inside ? random.Next(-20 * (level + 1), 20 * (level + 1)) : random.Next(-3, 4);
                pixels[(y * width) + x] = (byte)Math.Clamp(128 + texture, 0, 255);
            }
        }

        return pixels;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
