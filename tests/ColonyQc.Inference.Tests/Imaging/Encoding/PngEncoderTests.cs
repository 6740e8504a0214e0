using ColonyQc.Inference.Imaging;
using ColonyQc.Inference.Imaging.Encoding;
using StbImageSharp;
using Xunit;

namespace ColonyQc.Inference.Tests.Imaging.Encoding;

/// <summary>The PNG writer checked by an independent reader (StbImageSharp).</summary>
public sealed class PngEncoderTests
{
    [Theory]
    [MemberData(nameof(PngFilterCases.All), MemberType = typeof(PngFilterCases))]
    public void Rgb_is_read_back_by_stb(PngRowFilter filter, bool interlaced)
    {
        const int width = 29, height = 17;
        var samples = TestImages.Textured8(width, height, 3, seed: 10);
        var file = PngEncoder.Encode(samples, width, height, new PngEncoderOptions { Layout = ChannelLayout.Rgb, Filter = filter, Interlaced = interlaced });

        var read = ImageResult.FromMemory(file, ColorComponents.RedGreenBlue);

        Assert.Equal((width, height), (read.Width, read.Height));
        Assert.Equal(samples, read.Data);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void Low_bit_grey_is_packed(int bits)
    {
        const int width = 13, height = 9;
        var samples = TestImages.Random8(width * height, seed: bits, maxExclusive: 1 << bits);
        var file = PngEncoder.Encode(samples, width, height, new PngEncoderOptions { BitDepth = bits, Filter = PngRowFilter.Cycle });

        var read = ImageResult.FromMemory(file, ColorComponents.Grey);

        var scale = 255 / ((1 << bits) - 1);
        Assert.Equal(samples.Select(v => (byte)(v * scale)).ToArray(), read.Data);
    }

    [Fact]
    public void Palette_writes_plte()
    {
        const int width = 11, height = 6;
        var palette = TestImages.Random8(3 * 16, seed: 11);
        var indices = TestImages.Random8(width * height, seed: 12, maxExclusive: 16);
        var file = PngEncoder.Encode(indices, width, height, new PngEncoderOptions { Layout = ChannelLayout.Palette, Palette = palette, BitDepth = 4 });

        var read = ImageResult.FromMemory(file, ColorComponents.RedGreenBlue);

        var expected = indices.SelectMany(i => palette.AsSpan(i * 3, 3).ToArray()).ToArray();
        Assert.Equal(expected, read.Data);
    }

    [Fact]
    public void Grey_alpha_and_rgba_keep_alpha()
    {
        const int width = 8, height = 5;
        var rgba = TestImages.Random8(width * height * 4, seed: 13);
        var file = PngEncoder.Encode(rgba, width, height, new PngEncoderOptions { Layout = ChannelLayout.Rgba });

        Assert.Equal(rgba, ImageResult.FromMemory(file, ColorComponents.RedGreenBlueAlpha).Data);
    }
}
