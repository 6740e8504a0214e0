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

    [Theory]
    [InlineData(3, 3)]
    [InlineData(12, 5)]
    [InlineData(67, 9)]
    [InlineData(883, 14)]
    public void Fused_pass_gives_the_bits_of_summing_a_stored_laplacian_row(int width, int height)
    {
        // The definition before the Laplacian and its sums were fused into one pass: each interior
        // row's Laplacian stored, then summed by the window kernel (8 lanes, remainder in double).
        var random = new Random(width + height);
        var pixels = Enumerable.Range(0, width * height).Select(_ => (float)random.NextDouble()).ToArray();
        double sum = 0, squares = 0;
        var row = new float[width - 2];
        for (var y = 1; y < height - 1; y++)
        {
            for (var x = 1; x < width - 1; x++)
            {
                var c = (y * width) + x;
                row[x - 1] = ((pixels[c - width] + pixels[c + width]) + (pixels[c - 1] + pixels[c + 1])) - (4f * pixels[c]);
            }

            var (s, q) = WindowKernels.NormaliseAndSum(row, row.Length, row.Length, 1, Span<float>.Empty, 0f, 1f, 0f, SimdLevel.Scalar);
            sum += s;
            squares += q;
        }

        var count = (double)(width - 2) * (height - 2);
        var expected = Math.Max(0, (squares / count) - ((sum / count) * (sum / count)));

        foreach (var level in new[] { SimdLevel.Scalar, SimdLevel.Vector128, SimdLevel.Vector256 })
        {
            Assert.Equal(expected, FocusMeter.VarianceOfLaplacian(pixels, width, height, level));
        }
    }

    [Fact]
    public void Plane_under_three_pixels_has_no_focus_measure()
    {
        using var plane = CanonicalPlane.Rent(2, 40);
        plane.Pixels.Fill(0.5f);

        Assert.Equal(0, FocusMeter.VarianceOfLaplacian(plane));
    }
}
