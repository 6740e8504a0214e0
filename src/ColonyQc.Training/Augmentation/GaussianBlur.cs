namespace ColonyQc.Training.Augmentation;

/// <summary>A separable Gaussian blur of a square window, mirrored at the borders (slight defocus).</summary>
internal static class GaussianBlur
{
    /// <summary>Blurs <paramref name="window"/> (size*size) in place with standard deviation <paramref name="sigma"/> pixels.</summary>
    public static void Apply(Span<float> window, int size, double sigma)
    {
        var radius = Math.Max(1, (int)Math.Ceiling(3 * sigma));
        var kernel = new float[(2 * radius) + 1];
        double sum = 0;
        for (var k = -radius; k <= radius; k++)
        {
            var w = Math.Exp(-(k * k) / (2 * sigma * sigma));
            kernel[k + radius] = (float)w;
            sum += w;
        }

        for (var k = 0; k < kernel.Length; k++)
        {
            kernel[k] = (float)(kernel[k] / sum);
        }

        var temp = new float[size * size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                float acc = 0;
                for (var k = -radius; k <= radius; k++)
                {
                    acc += kernel[k + radius] * window[(y * size) + WindowAugmenter.Mirror(x + k, size)];
                }

                temp[(y * size) + x] = acc;
            }
        }

        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                float acc = 0;
                for (var k = -radius; k <= radius; k++)
                {
                    acc += kernel[k + radius] * temp[(WindowAugmenter.Mirror(y + k, size) * size) + x];
                }

                window[(y * size) + x] = acc;
            }
        }
    }
}
