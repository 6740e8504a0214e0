namespace ColonyQc.Inference.Tests.Imaging;

/// <summary>What the decoder contract says a colour pixel becomes: Rec. 601 luma, rounded to nearest.</summary>
internal static class ExpectedGrey
{
    public static byte Luma(int r, int g, int b) => (byte)Math.Round((0.299 * r) + (0.587 * g) + (0.114 * b), MidpointRounding.AwayFromZero);

    public static ushort Luma16(int r, int g, int b) => (ushort)Math.Round((0.299 * r) + (0.587 * g) + (0.114 * b), MidpointRounding.AwayFromZero);

    /// <summary>Largest absolute difference; the integer weights may differ from the exact real weights by one level at ties.</summary>
    public static int MaxDifference(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var worst = a.Length == b.Length ? 0 : int.MaxValue;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
        }

        return worst;
    }

    public static int MaxDifference(ReadOnlySpan<ushort> a, ReadOnlySpan<ushort> b)
    {
        var worst = a.Length == b.Length ? 0 : int.MaxValue;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
        }

        return worst;
    }
}
