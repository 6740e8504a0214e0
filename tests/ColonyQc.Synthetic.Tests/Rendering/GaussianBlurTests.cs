using ColonyQc.Synthetic.Rendering;
using Xunit;

namespace ColonyQc.Synthetic.Tests.Rendering;

public sealed class GaussianBlurTests
{
    [Theory]
    [InlineData(0.5f)]
    [InlineData(1.3f)]
    [InlineData(3.5f)]
    public void Kernel_is_normalised_and_symmetric(float sigma)
    {
        var k = GaussianBlur.Kernel(sigma);
        Assert.Equal(1f, k.Sum(), 5);
        for (var i = 0; i < k.Length / 2; i++)
        {
            Assert.Equal(k[i], k[k.Length - 1 - i]);
        }
    }

    [Fact]
    public void Constant_plane_stays_constant_including_edges()
    {
        using var plane = new FloatPlane(37, 23);
        plane.Pixels.Fill(0.25f);
        GaussianBlur.Apply(plane, 2f);
        foreach (var v in plane.Pixels.ToArray())
        {
            Assert.Equal(0.25f, v, 5);
        }
    }

    [Fact]
    public void Impulse_spreads_with_the_requested_sigma()
    {
        using var plane = new FloatPlane(61, 61);
        plane.Row(30)[30] = 1f;
        const float Sigma = 2f;
        GaussianBlur.Apply(plane, Sigma);
        Assert.Equal(1f, plane.Pixels.ToArray().Sum(), 4);
        double variance = 0;
        for (var x = 0; x < 61; x++)
        {
            variance += plane.Row(30)[x] * (x - 30) * (x - 30);
        }

        variance /= plane.Row(30).ToArray().Sum();
        Assert.Equal(Sigma * Sigma, variance, 1);
    }

    [Fact]
    public void Tiny_sigma_leaves_the_plane_alone()
    {
        using var plane = new FloatPlane(8, 8);
        plane.Row(3)[4] = 1f;
        GaussianBlur.Apply(plane, 0.1f);
        Assert.Equal(1f, plane.Row(3)[4]);
    }
}
