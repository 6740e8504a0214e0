using ColonyQc.Synthetic.Randomness;

namespace ColonyQc.Synthetic.Rendering.Painting;

/// <summary>
/// Floating debris and single dead cells, present in every real field: small dark irregular
/// specks, small clumps, and phase-bright rounded cells. Abnormal cultures get far more.
/// </summary>
internal static class DebrisPainter
{
    /// <summary>Scatters <paramref name="specks"/> specks and <paramref name="deadCells"/> rounded cells over the frame.</summary>
    public static void Paint(FloatPlane signal, OpticsPlan optics, double umPerPixel, int specks, int deadCells, FieldRandom random)
    {
        var px = (float)(1 / umPerPixel);
        // Specks absorb: in bright field they stand out more against the transparent cells than in phase.
        var contrast = (float)optics.ContrastGain * (optics.Mode == ImagingMode.PhaseContrast ? 1f : 2f);
        var halo = (float)optics.HaloGain;
        for (var i = 0; i < specks; i++)
        {
            var x = (float)random.Uniform(0, signal.Width);
            var y = (float)random.Uniform(0, signal.Height);
            var size = (float)random.LogUniform(1, 4.5) * px;
            var angle = (float)random.Uniform(0, Math.PI);
            var amplitude = -(float)random.Uniform(0.08, 0.45) * contrast;
            EllipseStamp.Add(signal, x, y, size, size * (float)random.Uniform(0.45, 1), angle, amplitude, StampProfile.Soft);
            if (random.Chance(0.25))
            {
                // Clumps: a second speck stuck to the first.
                var offset = size * 1.3f;
                EllipseStamp.Add(signal, x + (offset * MathF.Cos(angle)), y + (offset * MathF.Sin(angle)), size * 0.8f, size * 0.6f, angle, amplitude * 0.8f, StampProfile.Soft);
            }

            if (random.Chance(0.4))
            {
                EllipseStamp.Add(signal, x, y, size * 1.6f, size * 1.6f, 0, -amplitude * 0.4f * halo, StampProfile.Ring, 0.2f);
            }
        }

        for (var i = 0; i < deadCells; i++)
        {
            var x = (float)random.Uniform(0, signal.Width);
            var y = (float)random.Uniform(0, signal.Height);
            DeadCellStamp.Add(signal, x, y, (float)random.Uniform(3.5, 7.5) * px, optics, random);
        }
    }
}
