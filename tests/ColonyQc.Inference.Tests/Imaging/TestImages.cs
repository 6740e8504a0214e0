namespace ColonyQc.Inference.Tests.Imaging;

/// <summary>Seeded synthetic test content: smooth gradient plus noise, so every codec path sees varied values.</summary>
internal static class TestImages
{
    public static byte[] Random8(int count, int seed, int maxExclusive = 256)
    {
        var random = new Random(seed);
        var values = new byte[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (byte)random.Next(maxExclusive);
        }

        return values;
    }

    public static ushort[] Random16(int count, int seed)
    {
        var random = new Random(seed);
        var values = new ushort[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (ushort)random.Next(65536);
        }

        return values;
    }

    /// <summary>Gradient with mild noise and some flat runs: compresses like a micrograph and has runs for PackBits.</summary>
    public static byte[] Textured8(int width, int height, int samplesPerPixel, int seed)
    {
        var random = new Random(seed);
        var values = new byte[width * height * samplesPerPixel];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                for (var s = 0; s < samplesPerPixel; s++)
                {
                    var flat = (x / 7) % 3 == 0;
                    var baseValue = ((x * 3) + (y * 2) + (s * 40)) % 200;
                    values[(((y * width) + x) * samplesPerPixel) + s] = (byte)(flat ? baseValue : baseValue + random.Next(50));
                }
            }
        }

        return values;
    }

    public static ushort[] Textured16(int width, int height, int samplesPerPixel, int seed)
    {
        var random = new Random(seed);
        var values = new ushort[width * height * samplesPerPixel];
        for (var i = 0; i < values.Length; i++)
        {
            var x = i / samplesPerPixel % width;
            var y = i / samplesPerPixel / width;
            values[i] = (ushort)((((x * 97) + (y * 61)) % 60000) + random.Next(5000));
        }

        return values;
    }

    /// <summary>A TIFF ColorMap (reds, greens, blues; 16-bit each) that is a grey ramp, like the Allen plate imager writes.</summary>
    public static ushort[] GreyRampColourMap(int bits)
    {
        var entries = 1 << bits;
        var map = new ushort[3 * entries];
        for (var i = 0; i < entries; i++)
        {
            var v = (ushort)(i * 65535 / (entries - 1));
            map[i] = map[entries + i] = map[(2 * entries) + i] = v;
        }

        return map;
    }

    /// <summary>A colourful TIFF ColorMap so palette lookups cannot be mistaken for grey indices.</summary>
    public static ushort[] ColourfulColourMap(int bits, int seed)
    {
        var random = new Random(seed);
        var map = new ushort[3 << bits];
        for (var i = 0; i < map.Length; i++)
        {
            map[i] = (ushort)(random.Next(256) * 257);
        }

        return map;
    }
}
