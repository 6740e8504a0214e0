namespace ColonyQc.Inference.Imaging.Png;

/// <summary>The seven passes of PNG's Adam7 interlacing: where each pass starts and how far it steps.</summary>
internal static class Adam7
{
    public static ReadOnlySpan<int> XStart => [0, 4, 0, 2, 0, 1, 0];

    public static ReadOnlySpan<int> YStart => [0, 0, 4, 0, 2, 0, 1];

    public static ReadOnlySpan<int> XStep => [8, 8, 4, 4, 2, 2, 1];

    public static ReadOnlySpan<int> YStep => [8, 8, 8, 4, 4, 2, 2];

    /// <summary>Pixels a pass holds along an axis of <paramref name="size"/> pixels.</summary>
    public static int Count(int size, int start, int step) => size <= start ? 0 : (size - start + step - 1) / step;
}
