using ColonyQc.Inference.Preprocessing;
using Xunit;

namespace ColonyQc.Inference.Tests.Preprocessing;

public sealed class CanonicalResamplerTests
{
    private const float Tolerance = 1e-6f;

    [Fact]
    public void Halving_averages_each_two_by_two_block()
    {
        byte[] pixels =
        [
            0, 255, 10, 20,
            255, 0, 30, 40,
            100, 100, 7, 7,
            100, 100, 7, 9,
        ];

        using var plane = CanonicalResampler.Resample(pixels, 4, 4, 1.0, 2.0);

        Assert.Equal(2, plane.Width);
        Assert.Equal(2, plane.Height);
        Assert.Equal(127.5f / 255f, plane.Pixels[0], Tolerance);
        Assert.Equal(25f / 255f, plane.Pixels[1], Tolerance);
        Assert.Equal(100f / 255f, plane.Pixels[2], Tolerance);
        Assert.Equal(7.5f / 255f, plane.Pixels[3], Tolerance);
    }

    [Fact]
    public void Fractional_footprint_counts_the_covered_part_of_each_pixel()
    {
        // s = 1.5: target 0 covers pixel 0 and half of pixel 1, target 1 the other half and pixel 2.
        byte[] pixels = [30, 60, 90];

        using var plane = CanonicalResampler.Resample(pixels, 3, 1, 1.0, 1.5);

        Assert.Equal(2, plane.Width);
        Assert.Equal(1, plane.Height);
        Assert.Equal(((30 * 1f) + (60 * 0.5f)) / 1.5f / 255f, plane.Pixels[0], Tolerance);
        Assert.Equal(((60 * 0.5f) + (90 * 1f)) / 1.5f / 255f, plane.Pixels[1], Tolerance);
    }

    [Fact]
    public void Upsampling_repeats_each_pixel_over_its_area()
    {
        ushort[] pixels = [0, 65535];

        using var plane = CanonicalResampler.Resample(pixels, 2, 1, 1.0, 0.5);

        Assert.Equal(4, plane.Width);
        Assert.Equal(2, plane.Height);
        float[] expected = [0f, 0f, 1f, 1f, 0f, 0f, 1f, 1f];
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], plane.Pixels[i], Tolerance);
        }
    }

    [Fact]
    public void Evos_field_at_4x_resamples_to_the_expected_canonical_size()
    {
        Assert.Equal((883, 662), CanonicalResampler.TargetSize(2048, 1536, 0.8625, 2.0));
    }

    [Fact]
    public void Shrink_on_load_multiplies_the_source_scale()
    {
        var pixels = TestPlanes.RandomBytes(40 * 30, seed: 1);
        using var shrunk = TestPlanes.Image8(pixels, 40, 30, shrink: 2);
        using var full = TestPlanes.Image8(pixels, 40, 30);

        using var fromShrunk = CanonicalResampler.Resample(shrunk, 0.5, 2.0);
        using var fromFull = CanonicalResampler.Resample(full, 1.0, 2.0);

        Assert.Equal(20, fromShrunk.Width);
        Assert.Equal(fromFull.Pixels.ToArray(), fromShrunk.Pixels.ToArray());
    }

    [Theory]
    [InlineData(1, 1, 1.0, 2.0)]
    [InlineData(7, 3, 0.8625, 2.0)]
    [InlineData(33, 17, 0.345, 2.0)]
    [InlineData(64, 48, 1.0, 1.0)]
    [InlineData(31, 29, 2.5, 1.0)]
    public void Constant_in_gives_constant_out(int width, int height, double sourceUm, double canonicalUm)
    {
        var pixels = Enumerable.Repeat((byte)173, width * height).ToArray();

        using var plane = CanonicalResampler.Resample(pixels, width, height, sourceUm, canonicalUm);

        foreach (var v in plane.Pixels)
        {
            Assert.Equal(173f / 255f, v, Tolerance);
        }
    }

    [Fact]
    public void Random_sizes_and_scales_keep_constants_and_means()
    {
        var random = new Random(20261202);
        for (var trial = 0; trial < 40; trial++)
        {
            var width = random.Next(24, 300);
            var height = random.Next(24, 200);
            var sourceUm = 0.2 + (random.NextDouble() * 1.5);
            var canonicalUm = sourceUm * (1.0 + (random.NextDouble() * 5));
            var value = (ushort)random.Next(0, 65536);
            var constant = Enumerable.Repeat(value, width * height).ToArray();
            using (var plane = CanonicalResampler.Resample(constant, width, height, sourceUm, canonicalUm))
            {
                Assert.All(plane.Pixels.ToArray(), v => Assert.Equal(value / 65535f, v, 2e-6f));
            }

            // Whole-number scale dividing the size: every source pixel weighs the same, so the mean is kept exactly.
            var factor = random.Next(1, 5);
            var exactWidth = factor * random.Next(6, 60);
            var exactHeight = factor * random.Next(6, 40);
            var noise = TestPlanes.RandomBytes(exactWidth * exactHeight, trial);
            using var resampled = CanonicalResampler.Resample(noise, exactWidth, exactHeight, 1.0, factor);
            Assert.Equal(noise.Average(b => b / 255.0), resampled.Pixels.ToArray().Average(), 1e-5);

            // Any scale: the mean moves only by the unequal weight of the last, partly covered row and column.
            using var any = CanonicalResampler.Resample(noise, exactWidth, exactHeight, sourceUm, canonicalUm);
            Assert.Equal(noise.Average(b => b / 255.0), any.Pixels.ToArray().Average(), 0.02);
        }
    }

    [Fact]
    public void Sixteen_bit_equals_eight_bit_scaled_by_257()
    {
        var pixels8 = TestPlanes.RandomBytes(97 * 41, seed: 7);
        var pixels16 = pixels8.Select(b => (ushort)(b * 257)).ToArray();

        using var p8 = CanonicalResampler.Resample(pixels8, 97, 41, 0.8625, 2.0);
        using var p16 = CanonicalResampler.Resample(pixels16, 97, 41, 0.8625, 2.0);

        Assert.Equal(p8.Width, p16.Width);
        for (var i = 0; i < p8.Pixels.Length; i++)
        {
            Assert.Equal(p8.Pixels[i], p16.Pixels[i], 2e-6f);
        }
    }

    public static TheoryData<int, int, double> SimdCases()
    {
        var data = new TheoryData<int, int, double>();

        // Widths below, at and around the 16/32-pixel vector steps and target widths around 4/8.
        foreach (var width in new[] { 1, 3, 8, 15, 16, 17, 31, 32, 33, 64, 70, 129 })
        {
            data.Add(width, 5, 2.3188);
            data.Add(width, 9, 1.0);
        }

        data.Add(250, 37, 5.797);
        data.Add(96, 20, 0.5);
        return data;
    }

    [Theory]
    [MemberData(nameof(SimdCases))]
    public void Every_vector_level_gives_the_scalar_bits(int width, int height, double sourcePerTarget)
    {
        var pixels8 = TestPlanes.RandomBytes(width * height, seed: width);
        var pixels16 = TestPlanes.RandomUShorts(width * height, seed: width);

        using var scalar8 = CanonicalResampler.Resample(pixels8, width, height, 1.0, sourcePerTarget, SimdLevel.Scalar);
        using var scalar16 = CanonicalResampler.Resample(pixels16, width, height, 1.0, sourcePerTarget, SimdLevel.Scalar);
        foreach (var level in new[] { SimdLevel.Vector128, SimdLevel.Vector256 })
        {
            using var vector8 = CanonicalResampler.Resample(pixels8, width, height, 1.0, sourcePerTarget, level);
            using var vector16 = CanonicalResampler.Resample(pixels16, width, height, 1.0, sourcePerTarget, level);
            Assert.Equal(scalar8.Pixels.ToArray(), vector8.Pixels.ToArray());
            Assert.Equal(scalar16.Pixels.ToArray(), vector16.Pixels.ToArray());
        }
    }

    [Fact]
    public void Steady_state_resampling_allocates_only_the_plane_object()
    {
        var pixels = TestPlanes.RandomBytes(256 * 192, seed: 3);
        for (var i = 0; i < 3; i++)
        {
            CanonicalResampler.Resample(pixels, 256, 192, 0.8625, 2.0).Dispose();
        }

        // If the plane or row buffer did not go back to the pool, each call would rent a fresh ~90 KB array.
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20; i++)
        {
            CanonicalResampler.Resample(pixels, 256, 192, 0.8625, 2.0).Dispose();
        }

        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / 20.0;
        Assert.True(perCall < 256, $"{perCall} bytes allocated per resample");
    }

    [Fact]
    public void Disposed_plane_refuses_access()
    {
        var plane = CanonicalResampler.Resample(new byte[4], 2, 2, 1.0, 1.0);
        plane.Dispose();
        plane.Dispose();

        Assert.Throws<ObjectDisposedException>(() => plane.Pixels.Length);
    }

    [Fact]
    public void Bad_arguments_are_refused_with_the_defect()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CanonicalResampler.Resample(new byte[4], 0, 2, 1.0, 2.0));
        var shortBuffer = Assert.Throws<ArgumentOutOfRangeException>(() => CanonicalResampler.Resample(new byte[3], 2, 2, 1.0, 2.0));
        Assert.Contains("fewer than 2x2", shortBuffer.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => CanonicalResampler.Resample(new byte[4], 2, 2, 0, 2.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => CanonicalResampler.Resample(new byte[4], 2, 2, 1.0, double.NaN));
    }
}
