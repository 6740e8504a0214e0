using ColonyQc.Synthetic.Randomness;

namespace ColonyQc.Synthetic.Rendering;

/// <summary>
/// Turns the specimen signal into what the camera records: illumination (exposure, lamp
/// gradient, vignetting) times (1 + signal), then shot noise (Poisson, as a Gaussian with
/// variance proportional to the signal) and read noise, clipped to the camera's range [0, 1].
/// Each row's noise comes from its own random stream, so the result does not depend on the
/// order rows are processed in.
/// </summary>
internal static class SensorImage
{
    /// <summary>Writes the recorded image of <paramref name="signal"/> into <paramref name="output"/>.</summary>
    public static void Compose(FloatPlane signal, OpticsPlan optics, ulong fieldSeed, Span<float> output)
    {
        var width = signal.Width;
        var height = signal.Height;
        var exposure = (float)optics.Exposure;
        var gx = (float)optics.GradientX;
        var gy = (float)optics.GradientY;
        var vignetting = (float)optics.Vignetting;
        var shotScale = (float)(1.0 / optics.FullWellElectrons);
        var readSigma = (float)(optics.ReadNoiseElectrons / optics.FullWellElectrons);
        var readVariance = readSigma * readSigma;
        var halfWidth = width / 2f;
        var halfHeight = height / 2f;
        var illuminationRow = new float[width];
        for (var y = 0; y < height; y++)
        {
            var v = (y - halfHeight) / halfHeight;
            for (var x = 0; x < width; x++)
            {
                var u = (x - halfWidth) / halfWidth;
                var corner = ((u * u) + (v * v)) * 0.5f;
                illuminationRow[x] = exposure * (1f + (gx * u) + (gy * v)) * (1f - (vignetting * corner * corner));
            }

            var random = new FieldRandom(FieldRandom.Derive(fieldSeed, StreamPurpose.SensorNoise, y));
            var source = signal.Row(y);
            var target = output.Slice(y * width, width);
            for (var x = 0; x < width; x++)
            {
                var clean = MathF.Max(illuminationRow[x] * (1f + source[x]), 0f);
                var sigma = MathF.Sqrt((clean * shotScale) + readVariance);
                target[x] = Math.Clamp(clean + (sigma * random.FastNormal()), 0f, 1f);
            }
        }
    }
}
