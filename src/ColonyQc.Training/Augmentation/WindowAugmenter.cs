namespace ColonyQc.Training.Augmentation;

/// <summary>
/// Cuts one training window out of a canonical plane with random geometry (flip, 90-degree
/// rotation, scale jitter) and photometry (brightness, contrast, gamma, blur, noise). Every random
/// draw comes from the caller's <see cref="Random"/>, in a fixed order, so a seed gives the same
/// windows on any machine and thread count.
/// </summary>
public static class WindowAugmenter
{
    /// <summary>
    /// Writes the window whose unaugmented top-left corner is (<paramref name="x"/>, <paramref name="y"/>)
    /// and side <paramref name="size"/> into <paramref name="output"/> (size*size values). Pixels
    /// outside the plane are mirrored back in, so planes smaller than a window still work.
    /// </summary>
    public static void Extract(ReadOnlySpan<float> plane, int width, int height, double x, double y, int size, AugmentationOptions options, Random random, Span<float> output)
    {
        if (output.Length < size * size)
        {
            throw new ArgumentException($"output holds {output.Length} values, a {size}x{size} window needs {size * size}", nameof(output));
        }

        var window = output[..(size * size)];

        // Draw every random number up front in a fixed order, whether used or not, so changing one
        // option does not shift the random stream of the others.
        var flipX = random.NextDouble() < 0.5;
        var flipY = random.NextDouble() < 0.5;
        var quarterTurns = random.Next(4);
        var scale = 1 + (options.ScaleJitter * ((2 * random.NextDouble()) - 1));
        var brightness = options.Brightness * ((2 * random.NextDouble()) - 1);
        var contrast = Math.Pow(1 + options.Contrast, (2 * random.NextDouble()) - 1);
        var gamma = Math.Pow(1 + options.Gamma, (2 * random.NextDouble()) - 1);
        var blur = random.NextDouble() < options.BlurProbability;
        var blurSigma = 0.3 + ((options.MaxBlurSigma - 0.3) * random.NextDouble());
        var noise = random.NextDouble() < options.NoiseProbability;
        var noiseSigma = options.MaxNoiseSigma * random.NextDouble();
        var noiseSeed = random.Next();

        // Drawn after the older augmentations, so their random streams did not move when this was added.
        var local = random.NextDouble() < options.LocalContrastProbability;
        var localGain = 1 + (options.MaxLocalContrast * ((2 * random.NextDouble()) - 1));
        var localSigma = 1.0 + (3.0 * random.NextDouble());

        Resample(plane, width, height, x, y, size, options.Flips && flipX, options.Flips && flipY, options.Rotations ? quarterTurns : 0, scale, window);
        if (options.Gamma > 0 || options.Contrast > 0 || options.Brightness > 0)
        {
            Photometric(window, brightness, contrast, gamma);
        }

        if (local && options.MaxLocalContrast > 0)
        {
            LocalContrast(window, size, localGain, localSigma);
        }

        if (blur && options.MaxBlurSigma > 0)
        {
            GaussianBlur.Apply(window, size, blurSigma);
        }

        if (noise && options.MaxNoiseSigma > 0)
        {
            AddNoise(window, noiseSigma, new Random(noiseSeed));
        }
    }

    /// <summary>Copies the window at (<paramref name="x"/>, <paramref name="y"/>) without any change (mirroring outside the plane), as validation and scoring see it.</summary>
    public static void Copy(ReadOnlySpan<float> plane, int width, int height, int x, int y, int size, Span<float> output)
    {
        for (var v = 0; v < size; v++)
        {
            var sy = Mirror(y + v, height);
            var row = plane.Slice(sy * width, width);
            var dst = output.Slice(v * size, size);
            if (x >= 0 && x + size <= width)
            {
                row.Slice(x, size).CopyTo(dst);
                continue;
            }

            for (var u = 0; u < size; u++)
            {
                dst[u] = row[Mirror(x + u, width)];
            }
        }
    }

    private static void Resample(ReadOnlySpan<float> plane, int width, int height, double x, double y, int size, bool flipX, bool flipY, int quarterTurns, double scale, Span<float> window)
    {
        var half = size / 2.0;
        var cx = x + half;
        var cy = y + half;
        for (var v = 0; v < size; v++)
        {
            for (var u = 0; u < size; u++)
            {
                // Output pixel centre relative to the window centre, turned and flipped, then scaled
                // into the source plane.
                var du = u + 0.5 - half;
                var dv = v + 0.5 - half;
                (du, dv) = quarterTurns switch
                {
                    1 => (dv, -du),
                    2 => (-du, -dv),
                    3 => (-dv, du),
                    _ => (du, dv),
                };
                if (flipX)
                {
                    du = -du;
                }

                if (flipY)
                {
                    dv = -dv;
                }

                window[(v * size) + u] = Bilinear(plane, width, height, cx + (du * scale) - 0.5, cy + (dv * scale) - 0.5);
            }
        }
    }

    private static float Bilinear(ReadOnlySpan<float> plane, int width, int height, double sx, double sy)
    {
        var x0 = (int)Math.Floor(sx);
        var y0 = (int)Math.Floor(sy);
        var fx = sx - x0;
        var fy = sy - y0;
        var xa = Mirror(x0, width);
        var xb = Mirror(x0 + 1, width);
        var ya = Mirror(y0, height) * width;
        var yb = Mirror(y0 + 1, height) * width;
        var top = (plane[ya + xa] * (1 - fx)) + (plane[ya + xb] * fx);
        var bottom = (plane[yb + xa] * (1 - fx)) + (plane[yb + xb] * fx);
        return (float)((top * (1 - fy)) + (bottom * fy));
    }

    /// <summary>Reflects an index into [0, n) (edge pixel not repeated), for any distance outside.</summary>
    internal static int Mirror(int i, int n)
    {
        if (n == 1)
        {
            return 0;
        }

        var period = 2 * (n - 1);
        i %= period;
        if (i < 0)
        {
            i += period;
        }

        return i < n ? i : period - i;
    }

    private static void Photometric(Span<float> window, double brightness, double contrast, double gamma)
    {
        double mean = 0;
        foreach (var v in window)
        {
            mean += v;
        }

        mean /= window.Length;
        var gammaMean = Math.Pow(Math.Clamp(mean, 0, 1), gamma);
        for (var i = 0; i < window.Length; i++)
        {
            var g = Math.Pow(Math.Clamp(window[i], 0f, 1f), gamma);
            window[i] = (float)Math.Clamp(((g - gammaMean) * contrast) + gammaMean + brightness, 0, 1);
        }
    }

    // window = blur + gain * (window - blur): gain above 1 sharpens, below 1 softens the detail.
    private static void LocalContrast(Span<float> window, int size, double gain, double sigma)
    {
        var blurred = window.ToArray();
        GaussianBlur.Apply(blurred, size, sigma);
        for (var i = 0; i < window.Length; i++)
        {
            window[i] = (float)Math.Clamp(blurred[i] + (gain * (window[i] - blurred[i])), 0, 1);
        }
    }

    private static void AddNoise(Span<float> window, double sigma, Random random)
    {
        for (var i = 0; i < window.Length; i++)
        {
            // Box-Muller: two uniforms give one standard normal (the second is dropped for simplicity).
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var n = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            window[i] = (float)Math.Clamp(window[i] + (sigma * n), 0, 1);
        }
    }
}
