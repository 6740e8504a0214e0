using ColonyQc.Inference.Imaging.Encoding;
using StbImageSharp;
using Xunit;

namespace ColonyQc.Inference.Tests.Imaging.Encoding;

/// <summary>The BMP writer checked by an independent reader (StbImageSharp).</summary>
public sealed class BmpEncoderTests
{
    [Theory]
    [InlineData(8, false)]
    [InlineData(8, true)]
    [InlineData(24, false)]
    [InlineData(24, true)]
    public void Is_read_back_by_stb(int bitsPerPixel, bool topDown)
    {
        const int width = 15, height = 7;
        var channels = bitsPerPixel / 8;
        var samples = TestImages.Random8(width * height * channels, seed: bitsPerPixel);
        var file = BmpEncoder.Encode(samples, width, height, new BmpEncoderOptions { BitsPerPixel = bitsPerPixel, TopDown = topDown });

        var read = ImageResult.FromMemory(file, channels == 1 ? ColorComponents.Grey : ColorComponents.RedGreenBlue);

        Assert.Equal(samples, read.Data);
    }
}
