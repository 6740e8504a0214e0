using ColonyQc.Inference.Model;
using ColonyQc.Inference.Preprocessing;

namespace ColonyQc.Benchmarks.Baselines;

/// <summary>
/// Normalise-into-batch written pixel by pixel: for each window and each pixel, an indexed read
/// (with mirror reflection for windows that hang over the border), <c>(v - mean) / std</c>, an
/// indexed write into a freshly allocated NCHW array, and the running sums for the window's
/// texture. The same work as <c>BatchWriter.Append</c> over every window of the layout.
/// </summary>
public static class NaiveWindowNormaliser
{
    /// <summary>Writes every window of <paramref name="layout"/> into a new N x 1 x W x W array; returns it and the per-window texture (standard deviation).</summary>
    public static (float[] Batch, double[] Texture) Normalise(float[] plane, int planeWidth, int planeHeight, WindowLayout layout, InputNormalization normalization)
    {
        var size = layout.WindowSize;
        var batch = new float[layout.Count * size * size];
        var texture = new double[layout.Count];
        for (var n = 0; n < layout.Count; n++)
        {
            var (x0, y0) = layout.Origin(n);
            double sum = 0, squares = 0;
            for (var r = 0; r < size; r++)
            {
                for (var c = 0; c < size; c++)
                {
                    var y = WindowLayout.ReflectIndex(y0 + r, planeHeight);
                    var x = WindowLayout.ReflectIndex(x0 + c, planeWidth);
                    var v = plane[(y * planeWidth) + x];
                    sum += v;
                    squares += (double)v * v;
                    batch[(n * size * size) + (r * size) + c] = (float)((v - normalization.Mean) / normalization.Std);
                }
            }

            var count = (double)size * size;
            var mean = sum / count;
            texture[n] = Math.Sqrt(Math.Max(0, (squares / count) - (mean * mean)));
        }

        return (batch, texture);
    }
}
