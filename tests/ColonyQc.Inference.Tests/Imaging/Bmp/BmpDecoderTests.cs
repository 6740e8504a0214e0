using ColonyQc.Inference.Imaging;
using ColonyQc.Inference.Imaging.Encoding;
using Xunit;

namespace ColonyQc.Inference.Tests.Imaging.Bmp;

/// <summary>BMP decoding: 8-bit palette, 24- and 32-bit, bottom-up and top-down.</summary>
public sealed class BmpDecoderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Grey_palette_round_trips(bool topDown)
    {
        const int width = 13, height = 7;
        var samples = TestImages.Random8(width * height, seed: 60);

        using var image = ImageDecoder.Decode(BmpEncoder.Encode(samples, width, height, new BmpEncoderOptions { TopDown = topDown }), "grey.bmp");

        Assert.Equal(ImageFormatKind.Bmp, image.Metadata.Format);
        Assert.Equal(samples, image.Pixels8.ToArray());
    }

    [Theory]
    [InlineData(24, false)]
    [InlineData(24, true)]
    [InlineData(32, false)]
    [InlineData(32, true)]
    public void Colour_becomes_luminance(int bitsPerPixel, bool topDown)
    {
        const int width = 10, height = 5;
        var channels = bitsPerPixel / 8;
        var samples = TestImages.Random8(width * height * channels, seed: bitsPerPixel);

        using var image = ImageDecoder.Decode(BmpEncoder.Encode(samples, width, height, new BmpEncoderOptions { BitsPerPixel = bitsPerPixel, TopDown = topDown }), "colour.bmp");

        var expected = Enumerable.Range(0, width * height).Select(i => ExpectedGrey.Luma(samples[i * channels], samples[(i * channels) + 1], samples[(i * channels) + 2])).ToArray();
        Assert.InRange(ExpectedGrey.MaxDifference(expected, image.Pixels8), 0, 1);
    }

    [Fact]
    public void Truncated_pixel_data_is_refused()
    {
        var file = BmpEncoder.Encode(new byte[64], 8, 8);
        var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(file.AsSpan(0, file.Length - 10), "cut.bmp"));
        Assert.Contains("BMP pixel data is truncated", error.Defect, StringComparison.Ordinal);
    }
}
