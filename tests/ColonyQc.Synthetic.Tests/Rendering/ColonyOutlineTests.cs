using ColonyQc.Synthetic.Randomness;
using ColonyQc.Synthetic.Rendering;
using Xunit;

namespace ColonyQc.Synthetic.Tests.Rendering;

public sealed class ColonyOutlineTests
{
    [Fact]
    public void Circle_gives_exact_signed_distance()
    {
        var outline = new ColonyOutline(new FieldRandom(1), 100, 80, 50, elongation: 0, facets: 0, raggedness: 0, protrusions: 0);
        Assert.Equal(-50f, outline.SignedDistance(100, 80), 3);
        Assert.Equal(0f, outline.SignedDistance(150, 80), 2);
        Assert.Equal(10f, outline.SignedDistance(100, 140), 2);
        Assert.Equal(10f, outline.SignedDistance(100 - (60 / MathF.Sqrt(2)), 80 - (60 / MathF.Sqrt(2))), 2);
        Assert.Equal(50f, outline.MaxRadius, 3);
    }

    [Fact]
    public void Ragged_outline_varies_more_than_a_smooth_one()
    {
        static double Spread(ColonyOutline o)
        {
            var radii = Enumerable.Range(0, 720).Select(i => (double)o.RadiusToward(MathF.Cos(i * MathF.PI / 360), MathF.Sin(i * MathF.PI / 360))).ToArray();
            var steps = radii.Zip(radii.Skip(1), (a, b) => Math.Abs(a - b)).Average();
            return steps / radii.Average();
        }

        var smooth = new ColonyOutline(new FieldRandom(2), 0, 0, 200, 0.1, 0.08, 0, 0);
        var ragged = new ColonyOutline(new FieldRandom(2), 0, 0, 200, 0.1, 0.08, 0.12, 6);
        Assert.True(Spread(ragged) > 3 * Spread(smooth), $"ragged {Spread(ragged)} vs smooth {Spread(smooth)}");
    }
}
