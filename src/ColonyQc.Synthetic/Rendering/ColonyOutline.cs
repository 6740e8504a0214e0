using System.Runtime.CompilerServices;
using ColonyQc.Synthetic.Randomness;

namespace ColonyQc.Synthetic.Rendering;

/// <summary>
/// A colony's border as a radius for every direction, r(theta), around a centre: an ellipse
/// with low harmonics (oval, faceted) plus, for ragged colonies, high harmonics and protrusions.
/// The radial distance <c>|p - c| - r(theta)</c> stands in for the signed distance to the border
/// (negative inside); it is exact for a circle and close enough for the smooth shapes drawn here.
/// </summary>
internal sealed class ColonyOutline
{
    private const int Directions = 1024;
    private readonly float[] _radius = new float[Directions + 1];

    /// <summary>Builds an outline of mean radius <paramref name="radiusPixels"/>.</summary>
    /// <param name="random">The colony's random stream.</param>
    /// <param name="centreX">Centre, pixels.</param>
    /// <param name="centreY">Centre, pixels.</param>
    /// <param name="radiusPixels">Mean radius, pixels.</param>
    /// <param name="elongation">0 for a circle; 0.3 for a clearly oval colony.</param>
    /// <param name="facets">Relative amplitude of harmonics 2-7 (rounded polygon look of real colonies).</param>
    /// <param name="raggedness">Relative amplitude of harmonics 8-96 (ragged, spreading edges).</param>
    /// <param name="protrusions">How many spiky outgrowths to add.</param>
    public ColonyOutline(FieldRandom random, float centreX, float centreY, float radiusPixels, double elongation, double facets, double raggedness, int protrusions)
    {
        CentreX = centreX;
        CentreY = centreY;
        var orientation = random.Uniform(0, Math.PI);
        var low = new (double Amplitude, double Phase)[8];
        for (var k = 2; k < low.Length; k++)
        {
            low[k] = (facets * random.Normal() / k, random.Uniform(0, 2 * Math.PI));
        }

        const int HighCount = 96;
        var high = new (double Amplitude, double Phase)[HighCount + 1];
        for (var k = 8; k <= HighCount; k++)
        {
            high[k] = (raggedness * random.Normal() / Math.Pow(k, 0.75), random.Uniform(0, 2 * Math.PI));
        }

        var spikes = new (double Angle, double Width, double Height)[protrusions];
        for (var i = 0; i < protrusions; i++)
        {
            spikes[i] = (random.Uniform(0, 2 * Math.PI), random.Uniform(0.03, 0.12), random.Uniform(0.08, 0.3));
        }

        var a = 1.0 + elongation;
        var b = 1.0 - (elongation * 0.7);
        var max = 0.0;
        for (var i = 0; i <= Directions; i++)
        {
            var theta = 2 * Math.PI * i / Directions;
            var c = Math.Cos(theta - orientation);
            var s = Math.Sin(theta - orientation);
            var r = a * b / Math.Sqrt((b * c * b * c) + (a * s * a * s));
            for (var k = 2; k < low.Length; k++)
            {
                r += low[k].Amplitude * Math.Cos((k * theta) + low[k].Phase);
            }

            if (raggedness > 0)
            {
                for (var k = 8; k <= HighCount; k++)
                {
                    r += high[k].Amplitude * Math.Cos((k * theta) + high[k].Phase);
                }
            }

            foreach (var (angle, width, height) in spikes)
            {
                var delta = Math.IEEERemainder(theta - angle, 2 * Math.PI) / width;
                r += height * Math.Exp(-delta * delta);
            }

            r = Math.Max(r, 0.25) * radiusPixels;
            _radius[i] = (float)r;
            max = Math.Max(max, r);
        }

        _radius[Directions] = _radius[0];
        MaxRadius = (float)max;
        MeanRadius = radiusPixels;
    }

    /// <summary>Centre, pixels.</summary>
    public float CentreX { get; }

    /// <summary>Centre, pixels.</summary>
    public float CentreY { get; }

    /// <summary>The largest radius in any direction, pixels.</summary>
    public float MaxRadius { get; }

    /// <summary>The nominal radius the outline was built around, pixels.</summary>
    public float MeanRadius { get; }

    /// <summary>Border radius towards the point (dx, dy) relative to the centre.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float RadiusToward(float dx, float dy)
    {
        var t = FastAtan2(dy, dx) * (Directions / (2f * MathF.PI));
        if (t < 0)
        {
            t += Directions;
        }

        var i = Math.Min((int)t, Directions - 1);
        var f = t - i;
        return _radius[i] + ((_radius[i + 1] - _radius[i]) * f);
    }

    /// <summary>Radial signed distance in pixels from the border to (x, y): negative inside.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float SignedDistance(float x, float y)
    {
        var dx = x - CentreX;
        var dy = y - CentreY;
        return MathF.Sqrt((dx * dx) + (dy * dy)) - RadiusToward(dx, dy);
    }

    /// <summary>
    /// atan2 to about 1e-4 rad from an odd polynomial on [0, 1] and octant folding; ten times
    /// cheaper than <see cref="MathF.Atan2"/>, and the table lookup it feeds is coarser anyway.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float FastAtan2(float y, float x)
    {
        var ax = MathF.Abs(x);
        var ay = MathF.Abs(y);
        var max = MathF.Max(ax, ay);
        if (max == 0f)
        {
            return 0f;
        }

        var a = MathF.Min(ax, ay) / max;
        var s = a * a;
        var r = ((((((-0.0464964749f * s) + 0.15931422f) * s) - 0.327622764f) * s) + 1f) * a;
        if (ay > ax)
        {
            r = 1.57079637f - r;
        }

        if (x < 0)
        {
            r = 3.14159274f - r;
        }

        return y < 0 ? -r : r;
    }
}
