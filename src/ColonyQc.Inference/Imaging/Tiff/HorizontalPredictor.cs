using System.Runtime.CompilerServices;

namespace ColonyQc.Inference.Imaging.Tiff;

/// <summary>Undoes TIFF Predictor 2 (horizontal differencing) in place, row by row, per sample channel.</summary>
internal static class HorizontalPredictor
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Undo(Span<byte> chunk, int rowLength, int samplesPerPixel)
    {
        for (var start = 0; start + rowLength <= chunk.Length; start += rowLength)
        {
            var row = chunk.Slice(start, rowLength);
            if (samplesPerPixel == 1)
            {
                var running = row[0];
                for (var i = 1; i < row.Length; i++)
                {
                    running += row[i];
                    row[i] = running;
                }
            }
            else
            {
                for (var i = samplesPerPixel; i < row.Length; i++)
                {
                    row[i] += row[i - samplesPerPixel];
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Undo(Span<ushort> chunk, int rowLength, int samplesPerPixel)
    {
        for (var start = 0; start + rowLength <= chunk.Length; start += rowLength)
        {
            var row = chunk.Slice(start, rowLength);
            for (var i = samplesPerPixel; i < row.Length; i++)
            {
                row[i] += row[i - samplesPerPixel];
            }
        }
    }
}
