namespace ColonyQc.Synthetic.Rendering;

/// <summary>
/// Relief contrast (DIC, Hoffman modulation): what the camera sees is mostly the derivative of the
/// specimen's optical thickness along the shear direction, plus a little of the thickness itself, so
/// every edge is bright on one side and dark on the other and flat areas are uniform grey.
/// </summary>
internal static class ReliefShading
{
    // The derivative is taken per micrometre and scaled by this length, so relief has the same strength
    // at every pixel size: an edge that changes the signal by 0.1 over 8 um gives about 0.1 x strength.
    private const float ShearLengthUm = 8f;

    // What is left of the plain thickness signal (absorption) beside the shading.
    private const float Residual = 0.35f;

    /// <summary>Replaces <paramref name="signal"/> by its relief image.</summary>
    public static void Apply(FloatPlane signal, OpticsPlan optics, double umPerPixel)
    {
        var width = signal.Width;
        var height = signal.Height;
        var (sin, cos) = MathF.SinCos((float)optics.ReliefAngle);

        // Central differences, scaled from per pixel to per micrometre and by the shear length.
        var gain = (float)(optics.ReliefStrength * ShearLengthUm / umPerPixel) * 0.5f;
        using var source = new FloatPlane(width, height);
        signal.Pixels.CopyTo(source.Pixels);
        for (var y = 0; y < height; y++)
        {
            var up = source.Row(Math.Max(0, y - 1));
            var here = source.Row(y);
            var down = source.Row(Math.Min(height - 1, y + 1));
            var target = signal.Row(y);
            for (var x = 0; x < width; x++)
            {
                var dx = here[Math.Min(width - 1, x + 1)] - here[Math.Max(0, x - 1)];
                var dy = down[x] - up[x];
                target[x] = (Residual * here[x]) + (gain * ((cos * dx) + (sin * dy)));
            }
        }
    }
}
