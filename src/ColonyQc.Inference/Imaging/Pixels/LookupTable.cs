using System.Runtime.CompilerServices;

namespace ColonyQc.Inference.Imaging.Pixels;

/// <summary>Maps 8-bit indices through a 256-entry table in place (palette indices to the grey they stand for).</summary>
internal static class LookupTable
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ApplyInPlace(Span<byte> values, ReadOnlySpan<byte> table)
    {
        var lut = table[..256];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = lut[values[i]];
        }
    }
}
