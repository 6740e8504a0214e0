namespace ColonyQc.Synthetic.Rendering;

/// <summary>A simulated field: the recorded intensity plane and what is in it.</summary>
public sealed class RenderedField
{
    internal RenderedField(float[] pixels, int width, int height, double umPerPixel, ColonyClass label, IReadOnlyList<ColonyAnnotation> colonies)
    {
        Pixels = pixels;
        Width = width;
        Height = height;
        UmPerPixel = umPerPixel;
        Label = label;
        Colonies = colonies;
    }

    /// <summary>Row-major intensities in [0, 1] as a fraction of the camera's full scale (length Width*Height).</summary>
    public float[] Pixels { get; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Micrometres per pixel.</summary>
    public double UmPerPixel { get; }

    /// <summary>The field's label: the most severe class among its colonies (good for an empty field).</summary>
    public ColonyClass Label { get; }

    /// <summary>The colonies visible in the frame; empty for an empty field.</summary>
    public IReadOnlyList<ColonyAnnotation> Colonies { get; }

    /// <summary>True when the field shows no colony.</summary>
    public bool IsEmpty => Colonies.Count == 0;
}
