using System.Numerics;
using System.Runtime.CompilerServices;

namespace ColonyQc.CodecBench;

/// <summary>
/// The one downscale every codec row shares: separable area (box) averaging with fractional edge weights,
/// to float. Weights are precomputed per target size; buffers are reused across runs so the timing is
/// the arithmetic, not the allocator.
/// </summary>
internal sealed class AreaResampler
{
    private readonly int _targetWidth;
    private readonly int _targetHeight;
    private float[] _horizontal = [];
    private float[] _output = [];
    private (int[] Start, int[] Count, float[] Weights, int Taps) _columns;
    private (int[] Start, int[] Count, float[] Weights, int Taps) _rows;
    private int _sourceWidth = -1;
    private int _sourceHeight = -1;

    public AreaResampler(int targetWidth, int targetHeight)
    {
        _targetWidth = targetWidth;
        _targetHeight = targetHeight;
    }

    /// <summary>A checksum of the last result, so the work cannot be optimised away.</summary>
    public float LastMean { get; private set; }

    public void Resample(ReadOnlySpan<byte> pixels8, ReadOnlySpan<ushort> pixels16, int width, int height)
    {
        Prepare(width, height);
        var horizontal = _horizontal.AsSpan(0, _targetWidth * height);
        for (var y = 0; y < height; y++)
        {
            var target = horizontal.Slice(y * _targetWidth, _targetWidth);
            if (pixels16.IsEmpty)
            {
                Horizontal(pixels8.Slice(y * width, width), target);
            }
            else
            {
                Horizontal(pixels16.Slice(y * width, width), target);
            }
        }

        Vertical(horizontal);
    }

    private void Prepare(int width, int height)
    {
        if (width == _sourceWidth && height == _sourceHeight)
        {
            return;
        }

        _sourceWidth = width;
        _sourceHeight = height;
        _columns = Weights(width, _targetWidth);
        _rows = Weights(height, _targetHeight);
        _horizontal = new float[_targetWidth * height];
        _output = new float[_targetWidth * _targetHeight];
    }

    private static (int[] Start, int[] Count, float[] Weights, int Taps) Weights(int source, int target)
    {
        var step = (double)source / target;
        var taps = (int)Math.Ceiling(step) + 2;
        var start = new int[target];
        var count = new int[target];
        var weights = new float[target * taps];
        for (var o = 0; o < target; o++)
        {
            var from = o * step;
            var to = Math.Min(source, (o + 1) * step);
            var first = (int)Math.Floor(from);
            var last = Math.Min(source - 1, (int)Math.Ceiling(to) - 1);
            start[o] = first;
            count[o] = last - first + 1;
            for (var s = first; s <= last; s++)
            {
                var coverage = Math.Min(to, s + 1) - Math.Max(from, s);
                weights[(o * taps) + (s - first)] = (float)(coverage / (to - from));
            }
        }

        return (start, count, weights, taps);
    }

    // One body for 8- and 16-bit rows: T is a value type, so the JIT compiles a copy per depth and
    // float.CreateTruncating becomes the plain integer-to-float conversion.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Horizontal<T>(ReadOnlySpan<T> row, Span<float> target)
        where T : unmanaged, INumberBase<T>
    {
        var (start, count, weights, taps) = _columns;
        for (var o = 0; o < target.Length; o++)
        {
            var sum = 0f;
            var s0 = start[o];
            for (var k = 0; k < count[o]; k++)
            {
                sum += float.CreateTruncating(row[s0 + k]) * weights[(o * taps) + k];
            }

            target[o] = sum;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Vertical(ReadOnlySpan<float> horizontal)
    {
        var (start, count, weights, taps) = _rows;
        var output = _output.AsSpan();
        output.Clear();
        var total = 0f;
        for (var o = 0; o < _targetHeight; o++)
        {
            var target = output.Slice(o * _targetWidth, _targetWidth);
            for (var k = 0; k < count[o]; k++)
            {
                var weight = weights[(o * taps) + k];
                var source = horizontal.Slice((start[o] + k) * _targetWidth, _targetWidth);
                for (var x = 0; x < target.Length; x++)
                {
                    target[x] += source[x] * weight;
                }
            }

            total += target[target.Length / 2];
        }

        LastMean = total / _targetHeight;
    }
}
