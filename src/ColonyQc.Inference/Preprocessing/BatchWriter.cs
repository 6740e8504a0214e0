using ColonyQc.Inference.Model;

namespace ColonyQc.Inference.Preprocessing;

/// <summary>
/// Copies windows of a canonical plane into the next slot of a <see cref="WindowBatch"/>, applying
/// the manifest normalisation <c>(x - Mean) / Std</c> (as <c>(x - Mean) * (1/Std)</c> in float) with
/// vector operations, and measures the window's texture in the same pass over its pixels.
/// </summary>
public static class BatchWriter
{
    /// <summary>
    /// Appends window <paramref name="index"/> of <paramref name="layout"/> to <paramref name="batch"/>
    /// and returns its texture (the value <see cref="WindowTexture.Measure(ReadOnlySpan{float}, int, int, int, int)"/> gives, bit for bit).
    /// </summary>
    /// <exception cref="ArgumentException">The layout's window size differs from the batch's, or the layout is for another plane size.</exception>
    /// <exception cref="InvalidOperationException">The batch is full.</exception>
    public static double Append(WindowBatch batch, CanonicalPlane plane, WindowLayout layout, int index, InputNormalization normalization) =>
        Append(batch, plane, layout, index, normalization, SimdSupport.Best);

    internal static double Append(WindowBatch batch, CanonicalPlane plane, WindowLayout layout, int index, InputNormalization normalization, SimdLevel level)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(plane);
        ArgumentNullException.ThrowIfNull(normalization);
        if (layout.WindowSize != batch.WindowSize)
        {
            throw new ArgumentException($"the layout's windows are {layout.WindowSize} px but the batch holds {batch.WindowSize} px windows", nameof(layout));
        }

        if (layout.PlaneWidth != plane.Width || layout.PlaneHeight != plane.Height)
        {
            throw new ArgumentException($"the layout was made for a {layout.PlaneWidth}x{layout.PlaneHeight} plane, not {plane.Width}x{plane.Height}", nameof(layout));
        }

        level = SimdSupport.Clamp(level);
        var size = layout.WindowSize;
        var (x, y) = layout.Origin(index);
        var mean = (float)normalization.Mean;
        var invStd = (float)(1.0 / normalization.Std);
        var slot = batch.RawSlot(batch.Claim());
        var (sum, squares) = WindowTexture.SumWindow(plane.Pixels, plane.Width, plane.Height, x, y, size, slot, mean, invStd, level);
        return WindowTexture.FromMoments((double)size * size, sum, squares);
    }
}
