using ColonyQc.Inference.Quality;
using Xunit;

namespace ColonyQc.Inference.Tests.Quality;

public sealed class ExposureMeterTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(1000)]
    public void Eight_bit_counts_255_and_0_at_any_length(int length)
    {
        var pixels = new byte[length];
        var random = new Random(length);
        int top = 0, bottom = 0;
        for (var i = 0; i < length; i++)
        {
            pixels[i] = (byte)random.Next(0, 4) switch { 0 => 0, 1 => 255, var k => (byte)(k * 50) };
            top += pixels[i] == 255 ? 1 : 0;
            bottom += pixels[i] == 0 ? 1 : 0;
        }

        var (over, under) = ExposureMeter.Measure(pixels);

        Assert.Equal((double)top / length, over, 1e-12);
        Assert.Equal((double)bottom / length, under, 1e-12);
    }

    [Fact]
    public void Twelve_bit_camera_in_a_16_bit_file_clips_at_4095()
    {
        ushort[] pixels = [4095, 4095, 100, 0, 2000, 4095, 17, 4094];

        Assert.Equal(4095, ExposureMeter.TopOfObservedRange(pixels));
        Assert.Equal((3 / 8.0, 1 / 8.0), ExposureMeter.Measure(pixels));
    }

    [Fact]
    public void Full_range_16_bit_clips_at_65535_and_black_field_uses_at_least_8_bits()
    {
        Assert.Equal(65535, ExposureMeter.TopOfObservedRange([65535, 3]));
        Assert.Equal(255, ExposureMeter.TopOfObservedRange([0, 0]));
        Assert.Equal((0.0, 1.0), ExposureMeter.Measure(new ushort[] { 0, 0 }));
    }

    [Theory]
    [InlineData(255 * 32 - 1)]
    [InlineData(255 * 32)]
    [InlineData(255 * 32 + 1)]
    [InlineData((3 * 255 * 32) + 17)]
    public void Eight_bit_lane_counters_do_not_wrap_on_a_saturated_field(int length)
    {
        // Every lane of the per-vector counters matches on every step: they reach 255 exactly at a flush.
        var white = new byte[length];
        Array.Fill(white, (byte)255);

        Assert.Equal((1.0, 0.0), ExposureMeter.Measure(white));
        Assert.Equal((0.0, 1.0), ExposureMeter.Measure(new byte[length]));
    }

    [Theory]
    [InlineData(65535 * 16)]
    [InlineData((65535 * 16) + 5)]
    [InlineData((2 * 65535 * 16) + 3)]
    public void Sixteen_bit_lane_counters_do_not_wrap_on_a_saturated_field(int length)
    {
        var white = new ushort[length];
        Array.Fill(white, (ushort)4095);
        var mixed = new ushort[length];
        for (var i = 0; i < length; i++)
        {
            mixed[i] = (ushort)(i % 3 == 0 ? 0 : 4095);
        }

        var zeros = (length + 2) / 3;
        Assert.Equal((1.0, 0.0), ExposureMeter.Measure(white));
        Assert.Equal((0.0, 1.0), ExposureMeter.Measure(new ushort[length]));
        Assert.Equal(((double)(length - zeros) / length, (double)zeros / length), ExposureMeter.Measure(mixed));
    }

    [Fact]
    public void Sixteen_bit_counts_match_the_definition_for_random_fields()
    {
        // Property: over random sizes, bit depths and clipping, the one-pass block count equals the
        // definition (top = 2^b - 1 for the bit length b >= 8 of the brightest pixel; count the pixels
        // at the top and at 0), including fields whose brightest pixel is in a late block only and
        // fields that never reach the top of their range.
        var random = new Random(77);
        for (var trial = 0; trial < 40; trial++)
        {
            var length = random.Next(1, 200_000);
            var bits = random.Next(6, 17);
            var full = (1 << bits) - 1;
            var pixels = new ushort[length];
            for (var i = 0; i < length; i++)
            {
                pixels[i] = (ushort)(random.Next(10) switch { 0 => 0, 1 when trial % 3 != 0 => full, _ => random.Next(0, full) });
            }

            if (trial % 5 == 4)
            {
                pixels[^1] = (ushort)full;
            }

            var top = ExposureMeter.TopOfObservedRange(pixels);
            var expected = ((double)pixels.Count(p => p == top) / length, (double)pixels.Count(p => p == 0) / length);

            Assert.Equal(expected, ExposureMeter.Measure(pixels));
        }
    }

    [Fact]
    public void Eight_bit_counts_match_the_definition_when_clipping_is_in_a_few_blocks()
    {
        // Property: clipped pixels only in some 64 KB blocks (the others are skipped after their
        // min/max), at block edges and in the last, partial block.
        var random = new Random(78);
        for (var trial = 0; trial < 30; trial++)
        {
            var length = random.Next(1, 300_000);
            var pixels = new byte[length];
            for (var i = 0; i < length; i++)
            {
                pixels[i] = (byte)random.Next(1, 255);
            }

            for (var k = random.Next(0, 6); k > 0; k--)
            {
                var at = random.Next(length);
                pixels[at] = random.Next(2) == 0 ? (byte)0 : (byte)255;
            }

            pixels[Math.Min(length - 1, 65536)] = 255;
            var expected = ((double)pixels.Count(p => p == 255) / length, (double)pixels.Count(p => p == 0) / length);

            Assert.Equal(expected, ExposureMeter.Measure(pixels));
        }
    }
}
