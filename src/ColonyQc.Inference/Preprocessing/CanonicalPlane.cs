using System.Buffers;

namespace ColonyQc.Inference.Preprocessing;

/// <summary>
/// One grey image at the model's canonical scale, values in [0,1] (v/255 or v/65535 averaged over
/// each output pixel's footprint), row-major. The buffer is rented from <see cref="ArrayPool{T}"/>:
/// dispose the plane to return it.
/// </summary>
public sealed class CanonicalPlane : IDisposable
{
    private float[]? _pixels;

    private CanonicalPlane(int width, int height, float[] pixels)
    {
        Width = width;
        Height = height;
        _pixels = pixels;
    }

    /// <summary>Width in canonical pixels.</summary>
    public int Width { get; }

    /// <summary>Height in canonical pixels.</summary>
    public int Height { get; }

    /// <summary>The row-major plane (length Width*Height).</summary>
    /// <exception cref="ObjectDisposedException">The plane was disposed.</exception>
    public Span<float> Pixels => (_pixels ?? throw new ObjectDisposedException(nameof(CanonicalPlane))).AsSpan(0, Width * Height);

    /// <summary>Rents a plane of the given size; contents are undefined until the caller fills them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A side is not positive.</exception>
    public static CanonicalPlane Rent(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        return new CanonicalPlane(width, height, ArrayPool<float>.Shared.Rent(checked(width * height)));
    }

    /// <summary>Row <paramref name="y"/> of the plane.</summary>
    public Span<float> Row(int y) => Pixels.Slice(y * Width, Width);

    /// <summary>Returns the buffer to the pool; the plane must not be used afterwards.</summary>
    public void Dispose()
    {
        var pixels = Interlocked.Exchange(ref _pixels, null);
        if (pixels is not null)
        {
            ArrayPool<float>.Shared.Return(pixels);
        }
    }
}
