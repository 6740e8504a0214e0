namespace ColonyQc.Synthetic.Rendering;

/// <summary>
/// Adds an oriented elliptical blob, ring or ball to a plane. All of the simulator's cells,
/// nuclei, nucleoli, dead cells, vacuoles and debris are made of these stamps: cheap (only the
/// ellipse's bounding box is touched) and resolution independent (sizes are in pixels computed
/// from micrometres by the caller).
/// </summary>
internal static class EllipseStamp
{
    /// <summary>
    /// Adds <paramref name="amplitude"/> times the profile of an ellipse centred at (cx, cy) with
    /// semi-axes <paramref name="a"/> (along <paramref name="angle"/>) and <paramref name="b"/>.
    /// <paramref name="ringWidth"/> is the ring's relative width for <see cref="StampProfile.Ring"/>.
    /// </summary>
    public static void Add(FloatPlane plane, float cx, float cy, float a, float b, float angle, float amplitude, StampProfile profile, float ringWidth = 0.18f)
    {
        a = Math.Max(a, 0.5f);
        b = Math.Max(b, 0.5f);
        var reach = profile == StampProfile.Ring ? 1f + (2.5f * ringWidth) : 1f;
        var extent = Math.Max(a, b) * reach;
        var x0 = Math.Max(0, (int)MathF.Floor(cx - extent));
        var x1 = Math.Min(plane.Width - 1, (int)MathF.Ceiling(cx + extent));
        var y0 = Math.Max(0, (int)MathF.Floor(cy - extent));
        var y1 = Math.Min(plane.Height - 1, (int)MathF.Ceiling(cy + extent));
        if (x0 > x1 || y0 > y1)
        {
            return;
        }

        var (sin, cos) = MathF.SinCos(angle);
        var ia = 1f / a;
        var ib = 1f / b;
        var reachSquared = reach * reach;
        var inverseRing = 1f / ringWidth;
        for (var y = y0; y <= y1; y++)
        {
            var row = plane.Row(y);
            var dy = y - cy;
            for (var x = x0; x <= x1; x++)
            {
                var dx = x - cx;
                var u = ((dx * cos) + (dy * sin)) * ia;
                var v = ((dy * cos) - (dx * sin)) * ib;
                var q = (u * u) + (v * v);
                if (q >= reachSquared)
                {
                    continue;
                }

                row[x] += amplitude * Shape(profile, q, inverseRing);
            }
        }
    }

    private static float Shape(StampProfile profile, float q, float inverseRing)
    {
        switch (profile)
        {
            case StampProfile.Soft:
                var s = 1f - q;
                return s * s;
            case StampProfile.Ring:
                var t = (MathF.Sqrt(q) - 1f) * inverseRing;
                return MathF.Exp(-t * t);
            default:
                // Bright rim (peaking at r = 0.8) over a faintly dark core: how a rounded,
                // refractile dead cell looks under a phase ring.
                var r = MathF.Sqrt(q);
                var rim = (r - 0.8f) * 5f;
                return MathF.Exp(-rim * rim) - (0.35f * (1f - q));
        }
    }
}
