namespace ColonyQc.Synthetic.Rendering.Painting;

/// <summary>
/// The stamped parts of an abnormal colony: mottled dark clumps in a necrotic centre, vacuoles
/// and cysts, rounded detaching dead cells on and around it, and detached fragments beside it.
/// Each stage does nothing when the look does not ask for it.
/// </summary>
internal static class AbnormalFeatures
{
    public static void Paint(ColonyContext c, ref PixelBounds bounds)
    {
        var look = c.Look;
        var px = (float)(1 / c.UmPerPixel);
        var contrast = (float)c.Optics.ContrastGain;
        var halo = (float)c.Optics.HaloGain;

        if (look.NecrosisDarkness > 0)
        {
            // Overgrown, multilayered centres are not a smooth dark disc: dense dark clumps of
            // piled and dying cells give them a coarse mottled texture.
            var area = Math.PI * Math.Pow(c.Outline.MeanRadius * look.NecrosisFraction / px, 2);
            var clumps = (int)Math.Min(4000, area / 120);
            for (var i = 0; i < clumps; i++)
            {
                var (x, y) = c.PointAtRelativeRadius(0, look.NecrosisFraction * 1.1);
                var size = (float)c.Random.Uniform(3, 11) * px;
                EllipseStamp.Add(c.Signal, x, y, size, size * (float)c.Random.Uniform(0.6, 1), (float)c.Random.Uniform(0, Math.PI), -(float)(look.NecrosisDarkness * c.Random.Uniform(0.2, 0.6)) * contrast, StampProfile.Soft);
            }
        }

        for (var i = 0; i < look.VacuoleCount; i++)
        {
            // Vacuoles and cysts: round clear spaces (lighter) with a dark refractile rim.
            var (x, y) = c.PointAtRelativeRadius(0, 0.85);
            var radius = (float)c.Random.LogUniform(4, 18) * px;
            var squash = (float)c.Random.Uniform(0.8, 1);
            var angle = (float)c.Random.Uniform(0, Math.PI);
            EllipseStamp.Add(c.Signal, x, y, radius, radius * squash, angle, (float)c.Random.Uniform(0.05, 0.14) * contrast, StampProfile.Soft);
            EllipseStamp.Add(c.Signal, x, y, radius, radius * squash, angle, -(float)c.Random.Uniform(0.12, 0.3) * contrast, StampProfile.Ring, 0.12f);
            EllipseStamp.Add(c.Signal, x, y, radius * 1.15f, radius * squash * 1.15f, angle, (float)c.Random.Uniform(0.05, 0.15) * contrast * halo, StampProfile.Ring, 0.1f);
        }

        PaintDeadCells(c, px);

        for (var i = 0; i < look.FragmentCount; i++)
        {
            // A detached piece of the colony: a small dark clump with its own halo.
            var (x, y) = c.PointAtRelativeRadius(1.1, 1.5);
            var radius = (float)c.Random.Uniform(12, 45) * px;
            var squash = (float)c.Random.Uniform(0.5, 1);
            var angle = (float)c.Random.Uniform(0, Math.PI);
            EllipseStamp.Add(c.Signal, x, y, radius, radius * squash, angle, -(float)(look.Thickness + look.NecrosisDarkness * 0.5) * contrast, StampProfile.Soft);
            EllipseStamp.Add(c.Signal, x, y, radius * 1.05f, radius * squash * 1.05f, angle, (float)look.HaloAmplitude * 0.6f * contrast * halo, StampProfile.Ring, 0.15f);
            bounds.IncludeClipped(x - radius, y - radius, x + radius, y + radius, c.Signal.Width, c.Signal.Height);
        }
    }

    private static void PaintDeadCells(ColonyContext c, float px)
    {
        // Dying cells round up and detach in clusters: pick a few cluster centres on and around
        // the colony and scatter the cells about them.
        var count = c.Look.DeadCellCount;
        if (count == 0)
        {
            return;
        }

        var clusters = Math.Max(1, count / 25);
        var centres = new (float X, float Y)[clusters];
        for (var i = 0; i < clusters; i++)
        {
            centres[i] = c.PointAtRelativeRadius(0, 1.3);
        }

        var scatter = c.Outline.MeanRadius * 0.25f;
        for (var i = 0; i < count; i++)
        {
            var (cx, cy) = centres[c.Random.Next(clusters)];
            var x = cx + (scatter * (float)c.Random.Normal());
            var y = cy + (scatter * (float)c.Random.Normal());
            DeadCellStamp.Add(c.Signal, x, y, (float)c.Random.Uniform(3.5, 7.5) * px, c.Optics, c.Random);
        }
    }
}
