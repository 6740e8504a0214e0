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
}
