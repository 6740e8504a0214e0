using ColonyQc.Inference.Model;

namespace ColonyQc.Inference.Preprocessing;

/// <summary>
/// Sums over a <paramref name="Width"/> x <paramref name="Height"/> window of <c>d = v - shift</c>
/// and of d times the orthogonal polynomials of the centred coordinates
/// <c>xc = x - (Width-1)/2</c>, <c>yc = y - (Height-1)/2</c>: enough for both texture measures.
/// </summary>
/// <param name="Width">Window width in pixels.</param>
/// <param name="Height">Window height in pixels.</param>
/// <param name="Sum">Sum of d.</param>
/// <param name="SumSquares">Sum of d squared.</param>
/// <param name="SumX">Sum of xc * d.</param>
/// <param name="SumY">Sum of yc * d.</param>
/// <param name="SumXX">Sum of (xc^2 - mean of xc^2) * d.</param>
/// <param name="SumYY">Sum of (yc^2 - mean of yc^2) * d.</param>
/// <param name="SumXY">Sum of xc * yc * d.</param>
internal readonly record struct WindowMoments(int Width, int Height, double Sum, double SumSquares, double SumX, double SumY, double SumXX, double SumYY, double SumXY)
{
    /// <summary>The window's texture by <paramref name="measure"/>.</summary>
    public double Texture(TextureMeasure measure)
    {
        var count = (double)Width * Height;
        var mean = Sum / count;
        var variance = (SumSquares / count) - (mean * mean);
        if (measure == TextureMeasure.QuadraticDetrendedStd)
        {
            // On a full grid 1, xc, yc, xc^2 - mean, yc^2 - mean and xc*yc are mutually orthogonal, so
            // the least-squares quadratic surface removes sum over terms of cov(term, d)^2 / var(term),
            // and cov(term, d) is the term's sum over count because every term sums to zero.
            var (mx, vx2) = Moments(Width);
            var (my, vy2) = Moments(Height);
            variance -= Explained(SumX / count, mx) + Explained(SumY / count, my)
                + Explained(SumXX / count, vx2) + Explained(SumYY / count, vy2) + Explained(SumXY / count, mx * my);
        }

        return Math.Sqrt(Math.Max(0, variance));
    }

    // Variance of a term is zero when the window is too small to have it (1 px: no slope; 2 px: no curvature).
    private static double Explained(double covariance, double termVariance) =>
        termVariance <= 1e-9 ? 0 : covariance * covariance / termVariance;

    // Over centred 0..n-1: var(xc) = (n^2-1)/12 and var(xc^2 - mean) = E[xc^4] - var(xc)^2, E[xc^4] = (3n^4 - 10n^2 + 7)/240.
    private static (double Linear, double Quadratic) Moments(int length)
    {
        double n2 = (double)length * length;
        var linear = (n2 - 1) / 12;
        var fourth = ((3 * n2 * n2) - (10 * n2) + 7) / 240;
        return (linear, fourth - (linear * linear));
    }
}
