using ColonyQc.Synthetic.Randomness;

namespace ColonyQc.Synthetic.Rendering.Painting;

/// <summary>What every painting stage of one colony needs: the plane, the plan, the optics, the scale and the colony's random stream.</summary>
internal sealed class ColonyContext(FloatPlane signal, ColonyPlan plan, OpticsPlan optics, double umPerPixel, FieldRandom random)
{
    public FloatPlane Signal { get; } = signal;

    public ColonyPlan Plan { get; } = plan;

    public ColonyLook Look => Plan.Look;

    public ColonyOutline Outline => Plan.Outline;

    public OpticsPlan Optics { get; } = optics;

    public double UmPerPixel { get; } = umPerPixel;

    public FieldRandom Random { get; } = random;

    /// <summary>The square box of half-size <paramref name="extent"/> pixels around the centre, clipped to the frame (may be empty).</summary>
    public (int X0, int Y0, int X1, int Y1) Box(float extent) => (
        Math.Max(0, (int)MathF.Floor(Outline.CentreX - extent)),
        Math.Max(0, (int)MathF.Floor(Outline.CentreY - extent)),
        Math.Min(Signal.Width - 1, (int)MathF.Ceiling(Outline.CentreX + extent)),
        Math.Min(Signal.Height - 1, (int)MathF.Ceiling(Outline.CentreY + extent)));

    /// <summary>Distance from the centre over the border radius in that direction: below 1 inside.</summary>
    public float RelativeRadius(float x, float y)
    {
        var dx = x - Outline.CentreX;
        var dy = y - Outline.CentreY;
        return MathF.Sqrt((dx * dx) + (dy * dy)) / Outline.RadiusToward(dx, dy);
    }

    /// <summary>A random point at relative radius in [<paramref name="minRho"/>, <paramref name="maxRho"/>) of the outline.</summary>
    public (float X, float Y) PointAtRelativeRadius(double minRho, double maxRho)
    {
        var angle = Random.Uniform(0, 2 * Math.PI);
        // Square-root sampling spreads points evenly over the area rather than crowding the centre.
        var rho = Math.Sqrt(Random.Uniform(minRho * minRho, maxRho * maxRho));
        var (sin, cos) = Math.SinCos(angle);
        var radius = Outline.RadiusToward((float)cos, (float)sin);
        return ((float)(Outline.CentreX + (cos * rho * radius)), (float)(Outline.CentreY + (sin * rho * radius)));
    }
}
