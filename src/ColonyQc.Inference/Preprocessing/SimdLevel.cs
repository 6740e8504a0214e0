using System.Runtime.Intrinsics;

namespace ColonyQc.Inference.Preprocessing;

/// <summary>
/// Which vector width a kernel uses. Every kernel gives bit-identical results on every level (the
/// lanes do the same float operations in the same order as the scalar loop), so tests can run each
/// level explicitly on one machine instead of restarting the runtime with intrinsics switched off.
/// </summary>
internal enum SimdLevel
{
    /// <summary>Plain scalar loops (what DOTNET_EnableHWIntrinsic=0 would give).</summary>
    Scalar,

    /// <summary>128-bit vectors (what DOTNET_EnableAVX2=0 gives on x64).</summary>
    Vector128,

    /// <summary>256-bit vectors (AVX2).</summary>
    Vector256,
}

/// <summary>The widest level the hardware (and the runtime's intrinsic switches) allow.</summary>
internal static class SimdSupport
{
    /// <summary>The level kernels use unless a test asks for another.</summary>
    public static SimdLevel Best { get; } =
        Vector256.IsHardwareAccelerated ? SimdLevel.Vector256
        : Vector128.IsHardwareAccelerated ? SimdLevel.Vector128
        : SimdLevel.Scalar;

    /// <summary>Clamps a requested level to what this machine can run.</summary>
    public static SimdLevel Clamp(SimdLevel requested) => requested > Best ? Best : requested;
}
