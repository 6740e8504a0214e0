using ColonyQc.Inference.Preprocessing;
using Xunit;

namespace ColonyQc.Inference.Tests.Preprocessing;

public sealed class WindowTextureTests
{
    [Fact]
    public void Flat_window_has_no_texture()
    {
        var plane = Enumerable.Repeat(0.4f, 20 * 20).ToArray();

        Assert.Equal(0, WindowTexture.Measure(plane, 20, 3, 4, 10));
    }

    [Fact]
    public void Checkerboard_of_zero_and_one_has_texture_one_half()
    {
        var plane = new float[16 * 16];
        for (var y = 0; y < 16; y++)
        {
            for (var x = 0; x < 16; x++)
            {
                plane[(y * 16) + x] = (x + y) % 2;
            }
        }

        Assert.Equal(0.5, WindowTexture.Measure(plane, 16, 2, 2, 12), 1e-9);
    }

    [Fact]
    public void Window_past_the_plane_is_read_by_reflection()
    {
        // A 3x1 plane [0, 1, 0.5] reflected to 5 columns and rows reads 0, 1, 0.5, 1, 0 on every row.
        float[] plane = [0f, 1f, 0.5f];
        float[] reflected = [0f, 1f, 0.5f, 1f, 0f];
        var mean = reflected.Average();
        var expected = Math.Sqrt(reflected.Average(v => (v - mean) * (v - mean)));

        Assert.Equal(expected, WindowTexture.Measure(plane, 3, 0, 0, 5), 1e-6);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(31)]
    [InlineData(64)]
    public void Every_vector_level_gives_the_scalar_bits(int size)
    {
        var random = new Random(size);
        var plane = Enumerable.Range(0, 70 * 70).Select(_ => (float)random.NextDouble()).ToArray();

        var scalar = WindowTexture.Measure(plane, 70, 3, 5, size, SimdLevel.Scalar);

        Assert.Equal(scalar, WindowTexture.Measure(plane, 70, 3, 5, size, SimdLevel.Vector128));
        Assert.Equal(scalar, WindowTexture.Measure(plane, 70, 3, 5, size, SimdLevel.Vector256));
    }

    [Fact]
    public void Plane_that_is_not_whole_rows_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WindowTexture.Measure(new float[10], 3, 0, 0, 2));
    }
}
