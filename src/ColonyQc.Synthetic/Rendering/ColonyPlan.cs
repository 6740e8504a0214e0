using ColonyQc.Synthetic.Rendering.Painting;

namespace ColonyQc.Synthetic.Rendering;

/// <summary>One colony of a field: its class, border, look and the seed of its texture.</summary>
internal sealed record ColonyPlan(ColonyClass Class, ColonyOutline Outline, ColonyLook Look, ulong TextureSeed)
{
    /// <summary>How far beyond the outline this colony can paint (spreading cells, dead cells, fragments), pixels.</summary>
    public float ReachPixels(double umPerPixel)
    {
        var halo = (float)((Look.HaloWidthUm * 6) + Look.EdgeWidthUm + (2 * Look.EdgeFrayUm)) / (float)umPerPixel;
        var spread = Outline.MeanRadius * (float)Math.Max(Look.SpindleReach + 0.15, Look.DeadCellCount > 0 || Look.FragmentCount > 0 ? 0.6 : 0);
        return halo + spread;
    }
}
