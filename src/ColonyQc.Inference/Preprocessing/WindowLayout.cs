namespace ColonyQc.Inference.Preprocessing;

/// <summary>
/// How square windows cover a canonical plane: <see cref="Columns"/> x <see cref="Rows"/> windows of
/// <see cref="WindowSize"/> pixels, <see cref="Stride"/> apart, row-major. The whole plane is
/// covered: the last column and row are moved to end exactly at the right and bottom border (so they
/// overlap their neighbour more than the stride says) instead of hanging over the edge. A plane
/// smaller than one window along an axis gets one window there, starting at 0, and the part past the
/// plane is filled by mirror reflection (see <see cref="ReflectIndex"/>).
/// </summary>
/// <param name="Columns">Windows across.</param>
/// <param name="Rows">Windows down.</param>
/// <param name="WindowSize">Window side in canonical pixels.</param>
/// <param name="Stride">Step between neighbouring windows in canonical pixels.</param>
public readonly record struct WindowLayout(int Columns, int Rows, int WindowSize, int Stride)
{
    /// <summary>Width of the plane the layout was made for (0 when constructed directly: origins then follow the stride only).</summary>
    public int PlaneWidth { get; init; }

    /// <summary>Height of the plane the layout was made for (0 when constructed directly).</summary>
    public int PlaneHeight { get; init; }

    /// <summary>Number of windows (Columns * Rows).</summary>
    public int Count => Columns * Rows;

    /// <summary>The layout covering a <paramref name="canonicalWidth"/> x <paramref name="canonicalHeight"/> plane.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size or the stride is not positive.</exception>
    public static WindowLayout For(int canonicalWidth, int canonicalHeight, int windowSize, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(canonicalWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(canonicalHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        return new WindowLayout(CountAlong(canonicalWidth, windowSize, stride), CountAlong(canonicalHeight, windowSize, stride), windowSize, stride)
        {
            PlaneWidth = canonicalWidth,
            PlaneHeight = canonicalHeight,
        };
    }

    /// <summary>Top-left corner of window <paramref name="index"/> (row-major) in canonical pixels.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the layout.</exception>
    public (int X, int Y) Origin(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the layout has {Count} windows");
        }

        var column = index % Columns;
        var row = index / Columns;
        return (Along(column, PlaneWidth), Along(row, PlaneHeight));
    }

    /// <summary>
    /// Maps a coordinate outside <c>[0, length)</c> back inside by mirror reflection about the edge
    /// pixels, without repeating them (-1 becomes 1, length becomes length-2), repeating as often as
    /// needed. Chosen over edge replication because it keeps the texture statistics of a small
    /// plane's padding like the image's own, instead of adding flat stripes that look like empty
    /// background to the texture measure and the network.
    /// </summary>
    public static int ReflectIndex(int i, int length)
    {
        if ((uint)i < (uint)length)
        {
            return i;
        }

        if (length == 1)
        {
            return 0;
        }

        var period = 2 * (length - 1);
        var m = i % period;
        if (m < 0)
        {
            m += period;
        }

        return m < length ? m : period - m;
    }

    /// <summary>True when window <paramref name="index"/> lies wholly inside the plane (no reflected padding).</summary>
    public bool IsInside(int index)
    {
        var (x, y) = Origin(index);
        return x + WindowSize <= PlaneWidth && y + WindowSize <= PlaneHeight;
    }

    private static int CountAlong(int length, int size, int stride) =>
        length <= size ? 1 : ((length - size + stride - 1) / stride) + 1;

    private int Along(int i, int length) =>
        length <= 0 ? i * Stride : Math.Min(i * Stride, Math.Max(0, length - WindowSize));
}
