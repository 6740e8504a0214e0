using ColonyQc.Synthetic.Dataset;
using Xunit;

namespace ColonyQc.Synthetic.Tests.Dataset;

public sealed class FieldQuantizerTests
{
    [Fact]
    public void Eight_bit_rounds_and_clips()
    {
        var bytes = new byte[5];
        FieldQuantizer.To8Bit([0f, 0.5f, 1f, -0.2f, 1.5f], bytes);
        Assert.Equal([0, 128, 255, 0, 255], bytes);
    }

    [Fact]
    public void Sixteen_bit_holds_twelve_bit_counts_in_the_top_bits()
    {
        var samples = new ushort[4];
        FieldQuantizer.To16Bit([0f, 0.5f, 1f, 2f], samples);
        Assert.Equal([0, 2048 * 16, 4095 * 16, 4095 * 16], samples);
    }

    [Fact]
    public void Mismatched_buffers_are_refused()
    {
        Assert.Throws<ArgumentException>(() => FieldQuantizer.To8Bit([0f, 1f], new byte[3]));
        Assert.Throws<ArgumentException>(() => FieldQuantizer.To16Bit([0f, 1f], new ushort[1]));
    }
}
