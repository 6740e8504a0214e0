using System.Buffers;

namespace ColonyQc.Synthetic.Rendering;

/// <summary>A row-major float plane on a pooled buffer, cleared to zero; dispose to return it.</summary>
internal sealed class FloatPlane : IDisposable
{
    private float[]? _buffer;

    public FloatPlane(int width, int height)
    {
        Width = width;
        Height = height;
        _buffer = ArrayPool<float>.Shared.Rent(checked(width * height));
        Pixels.Clear();
    }

    public int Width { get; }

    public int Height { get; }

    public Span<float> Pixels => _buffer.AsSpan(0, Width * Height);

    public Span<float> Row(int y) => _buffer.AsSpan(y * Width, Width);

    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<float>.Shared.Return(_buffer);
            _buffer = null;
        }
    }
}
