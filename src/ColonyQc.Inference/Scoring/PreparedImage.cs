using ColonyQc.Inference.Preprocessing;

namespace ColonyQc.Inference.Scoring;

/// <summary>
/// One image after decoding and preprocessing, waiting for inference: its canonical plane and
/// window layout, the facts and quality measures known so far, or the error that stopped it.
/// Owns the plane (a pooled buffer) until disposed.
/// </summary>
internal sealed class PreparedImage : IDisposable
{
    private PreparedImage(string source)
    {
        Source = source;
    }

    /// <summary>The path, stream or buffer name.</summary>
    public string Source { get; }

    /// <summary>The defect when the image could not be prepared, else null.</summary>
    public string? Error { get; private init; }

    /// <summary>What was decoded; null on error.</summary>
    public ImageFacts? Facts { get; private init; }

    /// <summary>The image at canonical scale; null on error or after disposal.</summary>
    public CanonicalPlane? Plane { get; private set; }

    /// <summary>The windows covering <see cref="Plane"/>.</summary>
    public WindowLayout Layout { get; private init; }

    /// <summary>Fraction of source pixels at the top of the range.</summary>
    public double OverExposed { get; private init; }

    /// <summary>Fraction of source pixels at the bottom of the range.</summary>
    public double UnderExposed { get; private init; }

    /// <summary>Variance of the Laplacian at canonical scale.</summary>
    public double Focus { get; private init; }

    /// <summary>SHA-256 of the file bytes when requested.</summary>
    public string? Sha256 { get; private init; }

    /// <summary>An image that is ready for its windows to be scored.</summary>
    public static PreparedImage Ready(string source, ImageFacts facts, CanonicalPlane plane, WindowLayout layout, (double Over, double Under) exposure, double focus, string? sha256) =>
        new(source)
        {
            Facts = facts,
            Plane = plane,
            Layout = layout,
            OverExposed = exposure.Over,
            UnderExposed = exposure.Under,
            Focus = focus,
            Sha256 = sha256,
        };

    /// <summary>An image that failed; <paramref name="error"/> names the file and the defect.</summary>
    public static PreparedImage Failed(string source, string error, string? sha256 = null) => new(source) { Error = error, Sha256 = sha256 };

    /// <summary>Returns the plane to the pool.</summary>
    public void Dispose()
    {
        Plane?.Dispose();
        Plane = null;
    }
}
