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

    /// <summary>
    /// Empty background under uneven light: a lamp gradient (0.35 to 0.75 left to right, plus a
    /// gentler slope down) and vignetting (about 0.12 darker in the corners), with the sensor noise of <see cref="Empty"/>.
    /// </summary>
    public static double[] GradientEmpty(int seed)
    {
        var values = Empty(seed);
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var dx = (x - (Width / 2.0)) / (Width / 2.0);
                var dy = (y - (Height / 2.0)) / (Width / 2.0);
                values[(y * Width) + x] += -0.2 + (0.4 * x / Width) + (0.1 * y / Height) - (0.08 * ((dx * dx) + (dy * dy)));
            }
        }

        return values;
    }

    /// <summary>
    /// <see cref="GradientEmpty"/> with one small colony: a 56 um disc of cell-sized (3 um) grains of
    /// +-0.1, about 5% of the field, on the gently lit side where the plain std of the light is lowest.
    /// </summary>
    public static double[] SparseColonyOnGradient(int seed)
    {
        var values = GradientEmpty(seed);
        var random = new Random(seed + 1000);
        var grains = new double[((Width / 3) + 1) * ((Height / 3) + 1)];
        for (var i = 0; i < grains.Length; i++)
        {
            grains[i] = 0.2 * (random.NextDouble() - 0.5);
        }

        const double Cx = 170, Cy = 70, Radius = 28;
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                if (((x - Cx) * (x - Cx)) + ((y - Cy) * (y - Cy)) <= Radius * Radius)
                {
                    values[(y * Width) + x] += grains[((y / 3) * ((Width / 3) + 1)) + (x / 3)];
                }
            }
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
