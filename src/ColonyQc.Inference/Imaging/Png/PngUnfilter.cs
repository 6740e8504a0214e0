using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace ColonyQc.Inference.Imaging.Png;

/// <summary>Reverses the five PNG row filters in place (filter method 0).</summary>
internal static class PngUnfilter
{
    /// <summary>Unfilters <paramref name="row"/> against <paramref name="previous"/> (zeros for a pass's first row); false for an unknown filter type.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Apply(int filter, Span<byte> row, ReadOnlySpan<byte> previous, int bytesPerPixel)
    {
        switch (filter)
        {
            case 0:
                return true;
            case 1:
                for (var i = bytesPerPixel; i < row.Length; i++)
                {
                    row[i] += row[i - bytesPerPixel];
                }

                return true;
            case 2:
                // Byte addition wraps modulo 256, exactly the filter's arithmetic.
                TensorPrimitives.Add(row, previous[..row.Length], row);
                return true;
            case 3:
                for (var i = 0; i < bytesPerPixel && i < row.Length; i++)
                {
                    row[i] += (byte)(previous[i] >> 1);
                }

                for (var i = bytesPerPixel; i < row.Length; i++)
                {
                    row[i] += (byte)((row[i - bytesPerPixel] + previous[i]) >> 1);
                }

                return true;
            case 4:
                for (var i = 0; i < bytesPerPixel && i < row.Length; i++)
                {
                    row[i] += previous[i];
                }

                for (var i = bytesPerPixel; i < row.Length; i++)
                {
                    row[i] += Paeth(row[i - bytesPerPixel], previous[i], previous[i - bytesPerPixel]);
                }

                return true;
            default:
                return false;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Paeth(int a, int b, int c)
    {
        var pa = Math.Abs(b - c);
        var pb = Math.Abs(a - c);
        var pc = Math.Abs(a + b - c - c);
        return (byte)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
    }
}
