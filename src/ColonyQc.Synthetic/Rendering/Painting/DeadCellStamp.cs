using ColonyQc.Synthetic.Randomness;

namespace ColonyQc.Synthetic.Rendering.Painting;

/// <summary>
/// One rounded, detached dead cell as the imaging mode shows it: a phase-bright refractile ball in
/// phase contrast; a small dark disc with a faint rim of either polarity in bright field and relief
/// (the dark dots scattered over the shared real tiles).
/// </summary>
internal static class DeadCellStamp
{
    /// <summary>Adds a dead cell of radius <paramref name="radius"/> pixels at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public static void Add(FloatPlane signal, float x, float y, float radius, OpticsPlan optics, FieldRandom random)
    {
        var squash = radius * (float)random.Uniform(0.85, 1);
        var contrast = (float)optics.ContrastGain;
        var strength = (float)random.Uniform(0.25, 0.6);
        if (optics.Mode == ImagingMode.PhaseContrast)
        {
            EllipseStamp.Add(signal, x, y, radius, squash, 0, contrast * (float)optics.HaloGain * strength, StampProfile.Ball);
            return;
        }

        // Rounded cells are thick: in bright field they absorb and scatter, so they read darker than
        // flat cells at the same contrast setting, and the bright-field gain is low.
        EllipseStamp.Add(signal, x, y, radius, squash, 0, -2.5f * contrast * strength, StampProfile.Soft);
        EllipseStamp.Add(signal, x, y, radius * 1.1f, squash * 1.1f, 0, 2f * contrast * (float)optics.HaloGain * strength, StampProfile.Ring, 0.2f);

        // Often a refractile bright core in the dark ball, and dying cells clump: a neighbour stuck to it.
        if (random.Chance(0.5))
        {
            EllipseStamp.Add(signal, x, y, radius * 0.35f, radius * 0.35f, 0, 2f * contrast * strength, StampProfile.Soft);
        }

        if (random.Chance(0.35))
        {
            var angle = (float)random.Uniform(0, 2 * Math.PI);
            var (sin, cos) = MathF.SinCos(angle);
            EllipseStamp.Add(signal, x + (1.6f * radius * cos), y + (1.6f * radius * sin), radius * 0.8f, radius * 0.7f, angle, -2f * contrast * strength, StampProfile.Soft);
        }
    }
}
