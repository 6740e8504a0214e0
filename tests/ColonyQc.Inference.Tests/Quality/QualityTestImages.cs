using ColonyQc.Inference.Imaging;

namespace ColonyQc.Inference.Tests.Quality;

/// <summary>
/// Generated 256x192 8-bit fields at 1 um/px for the quality gate: colony-like texture (coarse
/// blobs plus fine granularity), its blurred, saturated and dark variants, and an empty background
/// with sensor noise only.
/// </summary>
internal static class QualityTestImages
{
    public const int Width = 256;
    public const int Height = 192;

    public static double[] Textured(int seed)
    {
        var random = new Random(seed);
        var values = new double[Width * Height];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var coarse = 0.15 * Math.Sin(x / 9.0) * Math.Cos(y / 7.0);
                var fine = 0.2 * (random.NextDouble() - 0.5);
                values[(y * Width) + x] = 0.5 + coarse + fine;
            }
        }

        return values;
    }

    public static double[] Blurred(int seed)
    {
        var values = Textured(seed);
        for (var pass = 0; pass < 3; pass++)
        {
            values = BoxBlur(values, radius: 6);
        }

        return values;
    }

    public static double[] Saturated(int seed)
    {
        // A bright lamp region clips the top 30% of the rows.
        var values = Textured(seed);
        for (var i = 0; i < Width * Height * 3 / 10; i++)
        {
            values[i] = 1.0;
        }

        return values;
    }

    public static double[] Dark(int seed)
    {
        // Exposure far too short: a third of the signal, the darkest quarter of the field at 0.
        var values = Textured(seed);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = i < values.Length / 4 ? 0 : values[i] / 3;
        }

        return values;
    }

    public static double[] Empty(int seed)
    {
        var random = new Random(seed);
        var values = new double[Width * Height];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = 0.55 + (6.0 / 255 * (random.NextDouble() - 0.5));
        }

        return values;
    }

    public static byte[] To8Bit(double[] values) =>
        values.Select(v => (byte)Math.Clamp(Math.Round(v * 255), 0, 255)).ToArray();

    public static GreyImage ToImage(double[] values)
    {
        var image = GreyImage.Create8(Width, Height, new ImageMetadata(ImageFormatKind.Tiff, ChannelLayout.Grey, Width, Height, 8));
        To8Bit(values).CopyTo(image.Pixels8);
        return image;
    }

    private static double[] BoxBlur(double[] values, int radius)
    {
        var horizontal = new double[values.Length];
        var result = new double[values.Length];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                double sum = 0;
                for (var d = -radius; d <= radius; d++)
                {
                    sum += values[(y * Width) + Math.Clamp(x + d, 0, Width - 1)];
                }

                horizontal[(y * Width) + x] = sum / ((2 * radius) + 1);
            }
        }

        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                double sum = 0;
                for (var d = -radius; d <= radius; d++)
                {
                    sum += horizontal[(Math.Clamp(y + d, 0, Height - 1) * Width) + x];
                }

                result[(y * Width) + x] = sum / ((2 * radius) + 1);
            }
        }

        return result;
    }
}
