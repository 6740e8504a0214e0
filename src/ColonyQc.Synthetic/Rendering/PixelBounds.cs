namespace ColonyQc.Synthetic.Rendering;

/// <summary>An inclusive pixel rectangle that grows as a painter touches pixels; empty until the first one.</summary>
internal struct PixelBounds
{
    private int _minX;
    private int _minY;
    private int _maxX;
    private int _maxY;

    public static PixelBounds Empty => new() { _minX = int.MaxValue, _minY = int.MaxValue, _maxX = int.MinValue, _maxY = int.MinValue };

    public readonly bool IsEmpty => _maxX < _minX;

    public readonly int X => _minX;

    public readonly int Y => _minY;

    public readonly int Width => IsEmpty ? 0 : _maxX - _minX + 1;

    public readonly int Height => IsEmpty ? 0 : _maxY - _minY + 1;

    public void Include(int x, int y)
    {
        _minX = Math.Min(_minX, x);
        _minY = Math.Min(_minY, y);
        _maxX = Math.Max(_maxX, x);
        _maxY = Math.Max(_maxY, y);
    }

    /// <summary>Includes the rectangle (x0, y0)-(x1, y1) after clipping it to a width x height frame.</summary>
    public void IncludeClipped(float x0, float y0, float x1, float y1, int width, int height)
    {
        var ix0 = Math.Max(0, (int)MathF.Floor(x0));
        var iy0 = Math.Max(0, (int)MathF.Floor(y0));
        var ix1 = Math.Min(width - 1, (int)MathF.Ceiling(x1));
        var iy1 = Math.Min(height - 1, (int)MathF.Ceiling(y1));
        if (ix0 <= ix1 && iy0 <= iy1)
        {
            Include(ix0, iy0);
            Include(ix1, iy1);
        }
    }
}
