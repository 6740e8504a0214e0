namespace ColonyQc.Synthetic.Rendering;

/// <summary>The radial profile of an elliptical stamp, as a function of normalised radius r (1 at the ellipse).</summary>
internal enum StampProfile
{
    /// <summary>(1 - r^2)^2 inside the ellipse: a soft blob (nucleus, cytoplasm, debris speck).</summary>
    Soft,

    /// <summary>A thin ring at r = 1 (cell outline, vacuole rim), width set by the stamp.</summary>
    Ring,

    /// <summary>A bright refractile ball: bright ring near the edge, darker core (rounded dead cell in phase contrast).</summary>
    Ball,
}
