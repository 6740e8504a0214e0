using ColonyQc.Inference.Preprocessing;
using ColonyQc.Inference.Quality;
using Xunit;

namespace ColonyQc.Inference.Tests.Quality;

public sealed class FocusMeterTests
{
    [Fact]
    public void Flat_and_linear_ramp_planes_have_zero_laplacian()
    {
        using var ramp = CanonicalPlane.Rent(20, 10);
        for (var i = 0; i < ramp.Pixels.Length; i++)
        {
            ramp.Pixels[i] = (i % 20) / 64f;
        }

        Assert.Equal(0, FocusMeter.VarianceOfLaplacian(ramp), 1e-12);
    }

    [Fact]
    public void Checkerboard_laplacian_is_plus_minus_four()
    {
        // Laplacian of a 0/1 checkerboard is +4 on 0 cells and -4 on 1 cells: mean 0, variance 16.
        using var plane = CanonicalPlane.Rent(10, 10);
        for (var y = 0; y < 10; y++)
        {
            for (var x = 0; x < 10; x++)
            {
                plane.Pixels[(y * 10) + x] = (x + y) % 2;
            }
        }

        Assert.Equal(16, FocusMeter.VarianceOfLaplacian(plane), 1e-9);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(67)]
    public void Every_vector_level_gives_the_scalar_bits(int width)
    {
        var random = new Random(width);
        var pixels = Enumerable.Range(0, width * 9).Select(_ => (float)random.NextDouble()).ToArray();

        var scalar = FocusMeter.VarianceOfLaplacian(pixels, width, 9, SimdLevel.Scalar);

        Assert.Equal(scalar, FocusMeter.VarianceOfLaplacian(pixels, width, 9, SimdLevel.Vector128));
        Assert.Equal(scalar, FocusMeter.VarianceOfLaplacian(pixels, width, 9, SimdLevel.Vector256));
    }

    [Fact]
    public void Plane_under_three_pixels_has_no_focus_measure()
    {
        using var plane = CanonicalPlane.Rent(2, 40);
        plane.Pixels.Fill(0.5f);

        Assert.Equal(0, FocusMeter.VarianceOfLaplacian(plane));
    }
}
