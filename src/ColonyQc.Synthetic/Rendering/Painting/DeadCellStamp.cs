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
    }
}
