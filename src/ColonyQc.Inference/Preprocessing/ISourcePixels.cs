using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ColonyQc.Inference.Preprocessing;

/// <summary>
/// What the resampler needs to know about one source bit depth: the full-scale gain and how a
/// block of pixels is loaded as integer lanes. Implemented by structs and used only as a generic type
/// argument (static abstract members), so the JIT compiles one copy of the resampler per depth with
/// these calls inlined: no interface dispatch or boxing in the kernels.
/// </summary>
/// <typeparam name="T">The stored sample type.</typeparam>
internal unsafe interface ISourcePixels<T>
    where T : unmanaged
{
    /// <summary>Folded into the vertical weights so the output is in [0,1].</summary>
    static abstract float Gain { get; }

    /// <summary>The 8 pixels at <paramref name="pixels"/> zero-extended to 32-bit lanes, in order (AVX2).</summary>
    static abstract Vector256<int> Load8(T* pixels);

    /// <summary>The 16 pixels at <paramref name="pixels"/>, in order: the first 8 in <paramref name="lower"/>, the next 8 in <paramref name="upper"/>.</summary>
    static abstract void Load128(T* pixels, out Vector128<ushort> lower, out Vector128<ushort> upper);

    /// <summary>One pixel as a float (exact: every 8- and 16-bit value is representable).</summary>
    static abstract float ToSingle(T pixel);
}

/// <summary>8-bit sources: zero-extending loads (8 bytes to 8 ints with AVX2; 16 bytes to two 16-bit halves otherwise).</summary>
internal readonly unsafe struct EightBitPixels : ISourcePixels<byte>
{
    /// <inheritdoc/>
    public static float Gain => 1f / 255f;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Load8(byte* pixels) => Avx2.ConvertToVector256Int32(pixels);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Load128(byte* pixels, out Vector128<ushort> lower, out Vector128<ushort> upper)
    {
        var bytes = Vector128.Load(pixels);
        lower = Vector128.WidenLower(bytes);
        upper = Vector128.WidenUpper(bytes);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ToSingle(byte pixel) => pixel;
}

/// <summary>16-bit sources: zero-extending loads with AVX2; otherwise the samples already are 16-bit lanes, so two plain loads.</summary>
internal readonly unsafe struct SixteenBitPixels : ISourcePixels<ushort>
{
    /// <inheritdoc/>
    public static float Gain => 1f / 65535f;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Load8(ushort* pixels) => Avx2.ConvertToVector256Int32(pixels);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Load128(ushort* pixels, out Vector128<ushort> lower, out Vector128<ushort> upper)
    {
        lower = Vector128.Load(pixels);
        upper = Vector128.Load(pixels + Vector128<ushort>.Count);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ToSingle(ushort pixel) => pixel;
}
