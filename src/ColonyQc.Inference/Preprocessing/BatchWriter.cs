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
    /// and returns its detrended texture (the value <see cref="WindowTexture.Measure(ReadOnlySpan{float}, int, int, int, int)"/> gives, bit for bit).
    /// </summary>
    /// <exception cref="ArgumentException">The layout's window size differs from the batch's, or the layout is for another plane size.</exception>
    /// <exception cref="InvalidOperationException">The batch is full.</exception>
    public static double Append(WindowBatch batch, CanonicalPlane plane, WindowLayout layout, int index, InputNormalization normalization) =>
        Append(batch, plane, layout, index, normalization, TextureMeasure.QuadraticDetrendedStd, SimdSupport.Best);

    /// <summary>
    /// As <see cref="Append(WindowBatch, CanonicalPlane, WindowLayout, int, InputNormalization)"/>, returning
    /// the texture by <paramref name="measure"/> (the one the model's manifest names; both come from the
    /// same pass, and the window copy does not depend on it).
    /// </summary>
    /// <exception cref="ArgumentException">The layout's window size differs from the batch's, or the layout is for another plane size.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The measure is unknown.</exception>
    /// <exception cref="InvalidOperationException">The batch is full.</exception>
    public static double Append(WindowBatch batch, CanonicalPlane plane, WindowLayout layout, int index, InputNormalization normalization, TextureMeasure measure) =>
        Append(batch, plane, layout, index, normalization, measure, SimdSupport.Best);

    internal static double Append(WindowBatch batch, CanonicalPlane plane, WindowLayout layout, int index, InputNormalization normalization, SimdLevel level) =>
        Append(batch, plane, layout, index, normalization, TextureMeasure.QuadraticDetrendedStd, level);

    internal static double Append(WindowBatch batch, CanonicalPlane plane, WindowLayout layout, int index, InputNormalization normalization, TextureMeasure measure, SimdLevel level)
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

        WindowTexture.CheckKnown(measure);
        level = SimdSupport.Clamp(level);
        var size = layout.WindowSize;
        var (x, y) = layout.Origin(index);
        var mean = (float)normalization.Mean;
        var invStd = (float)(1.0 / normalization.Std);
        var slot = batch.RawSlot(batch.Claim());
        return WindowTexture.SumWindow(plane.Pixels, plane.Width, plane.Height, x, y, size, slot, mean, invStd, level).Texture(measure);
    }
}
