using System.Numerics.Tensors;

namespace ColonyQc.Synthetic.Rendering;

/// <summary>
/// Separable Gaussian blur (optical point spread plus defocus) with edge clamping. Each pass is
/// a sum of shifted rows scaled by one tap weight, so every tap is one vectorised
/// <see cref="TensorPrimitives.MultiplyAdd(ReadOnlySpan{float}, float, ReadOnlySpan{float}, Span{float})"/>
/// over a whole row: no per-pixel kernel loop.
/// </summary>
internal static class GaussianBlur
{
    /// <summary>Blurs <paramref name="plane"/> in place with standard deviation <paramref name="sigma"/> pixels; below 0.2 px it does nothing.</summary>
    public static void Apply(FloatPlane plane, float sigma)
    {
        if (sigma < 0.2f)
        {
            return;
        }

        var weights = Kernel(sigma);
        var radius = weights.Length / 2;
        var width = plane.Width;
        var height = plane.Height;
        using var temporary = new FloatPlane(width, height);
        var padded = new float[width + (2 * radius)];

        for (var y = 0; y < height; y++)
        {
            var source = plane.Row(y);
            padded.AsSpan(0, radius).Fill(source[0]);
            source.CopyTo(padded.AsSpan(radius));
            padded.AsSpan(radius + width).Fill(source[width - 1]);
            var target = temporary.Row(y);
            TensorPrimitives.Multiply(padded.AsSpan(0, width), weights[0], target);
            for (var k = 1; k < weights.Length; k++)
            {
                TensorPrimitives.MultiplyAdd(padded.AsSpan(k, width), weights[k], target, target);
            }
        }

        for (var y = 0; y < height; y++)
        {
            var target = plane.Row(y);
            TensorPrimitives.Multiply(temporary.Row(Math.Clamp(y - radius, 0, height - 1)), weights[0], target);
            for (var k = 1; k < weights.Length; k++)
            {
                TensorPrimitives.MultiplyAdd(temporary.Row(Math.Clamp(y - radius + k, 0, height - 1)), weights[k], target, target);
            }
        }
    }

    /// <summary>Normalised taps out to 3 sigma.</summary>
    internal static float[] Kernel(float sigma)
    {
        var radius = Math.Max(1, (int)MathF.Ceiling(3f * sigma));
        var weights = new float[(2 * radius) + 1];
        var sum = 0f;
        for (var i = 0; i < weights.Length; i++)
        {
            var x = (i - radius) / sigma;
            weights[i] = MathF.Exp(-0.5f * x * x);
            sum += weights[i];
        }

        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] /= sum;
        }

        return weights;
    }
}
