using System.Runtime.CompilerServices;

namespace ColonyQc.Inference.Imaging.Pixels;

/// <summary>
/// RGB to grey with the Rec. 601 luma weights Y = 0.299 R + 0.587 G + 0.114 B, in 16.16 fixed point:
/// 19595 + 38470 + 7471 = 65536, so a grey pixel (v, v, v) maps back to exactly v, and rounding is to nearest.
/// </summary>
internal static class Luminance
{
    public const int RedWeight = 19595;
    public const int GreenWeight = 38470;
    public const int BlueWeight = 7471;
    private const int Half = 1 << 15;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Of(byte r, byte g, byte b) => (byte)(((RedWeight * r) + (GreenWeight * g) + (BlueWeight * b) + Half) >> 16);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort Of(ushort r, ushort g, ushort b) => (ushort)(((RedWeight * (uint)r) + (GreenWeight * (uint)g) + (BlueWeight * (uint)b) + Half) >> 16);

    /// <summary>Luminance of interleaved 8-bit pixels whose first three samples are R, G, B (any extra samples, e.g. alpha, are skipped).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FromInterleaved(ReadOnlySpan<byte> samples, int samplesPerPixel, Span<byte> grey)
    {
        for (int i = 0, s = 0; i < grey.Length; i++, s += samplesPerPixel)
        {
            grey[i] = Of(samples[s], samples[s + 1], samples[s + 2]);
        }
    }

    /// <summary>16-bit version of <see cref="FromInterleaved(ReadOnlySpan{byte}, int, Span{byte})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FromInterleaved(ReadOnlySpan<ushort> samples, int samplesPerPixel, Span<ushort> grey)
    {
        for (int i = 0, s = 0; i < grey.Length; i++, s += samplesPerPixel)
        {
            grey[i] = Of(samples[s], samples[s + 1], samples[s + 2]);
        }
    }

    /// <summary>Luminance from three separate planes (planar TIFF).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FromPlanes(ReadOnlySpan<byte> red, ReadOnlySpan<byte> green, ReadOnlySpan<byte> blue, Span<byte> grey)
    {
        for (var i = 0; i < grey.Length; i++)
        {
            grey[i] = Of(red[i], green[i], blue[i]);
        }
    }

    /// <summary>16-bit version of <see cref="FromPlanes(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FromPlanes(ReadOnlySpan<ushort> red, ReadOnlySpan<ushort> green, ReadOnlySpan<ushort> blue, Span<ushort> grey)
    {
        for (var i = 0; i < grey.Length; i++)
        {
            grey[i] = Of(red[i], green[i], blue[i]);
        }
    }

    /// <summary>Every sample-th value of an interleaved buffer (grey+alpha keeps the grey).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FirstChannel<T>(ReadOnlySpan<T> samples, int samplesPerPixel, Span<T> grey)
    {
        for (int i = 0, s = 0; i < grey.Length; i++, s += samplesPerPixel)
        {
            grey[i] = samples[s];
        }
    }
}
