namespace ColonyQc.Training.Data;

/// <summary>
/// One annotated colony: its bounding box and class. Coordinates are in the pixels of whatever
/// plane the box belongs to (source pixels in annotations.csv, canonical pixels once cached).
/// </summary>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge.</param>
/// <param name="Width">Box width.</param>
/// <param name="Height">Box height.</param>
/// <param name="Label">Index into the data set's class names.</param>
public readonly record struct ColonyBox(double X, double Y, double Width, double Height, int Label)
{
    /// <summary>The box scaled by <paramref name="factor"/> (e.g. source to canonical pixels).</summary>
    public ColonyBox Scaled(double factor) => new(X * factor, Y * factor, Width * factor, Height * factor, Label);

    /// <summary>Area of the intersection with the rectangle at (<paramref name="x"/>, <paramref name="y"/>) of side <paramref name="size"/>.</summary>
    public double OverlapArea(double x, double y, double size)
    {
        var w = Math.Min(X + Width, x + size) - Math.Max(X, x);
        var h = Math.Min(Y + Height, y + size) - Math.Max(Y, y);
        return w > 0 && h > 0 ? w * h : 0;
    }
}
