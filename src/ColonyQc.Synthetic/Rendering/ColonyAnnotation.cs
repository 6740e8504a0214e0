namespace ColonyQc.Synthetic.Rendering;

/// <summary>One colony of a rendered field: its class and its bounding box in pixels, clipped to the frame.</summary>
/// <param name="Index">The colony's number within the field, from 0.</param>
/// <param name="Class">The colony's class.</param>
/// <param name="X">Left edge of the box, pixels.</param>
/// <param name="Y">Top edge of the box, pixels.</param>
/// <param name="Width">Box width, pixels.</param>
/// <param name="Height">Box height, pixels.</param>
public sealed record ColonyAnnotation(int Index, ColonyClass Class, int X, int Y, int Width, int Height);
