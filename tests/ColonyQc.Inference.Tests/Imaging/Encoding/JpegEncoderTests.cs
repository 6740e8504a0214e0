using ColonyQc.Inference.Imaging.Encoding;
using StbImageSharp;
using Xunit;

namespace ColonyQc.Inference.Tests.Imaging.Encoding;

/// <summary>The JPEG writer: an independent reader (StbImageSharp) sees the same picture within JPEG's loss.</summary>
public sealed class JpegEncoderTests
{
    [Fact]
    public void Grey_is_read_back_by_stb_within_tolerance()
    {
        const int width = 64, height = 48;
        var grey = new byte[width * height];
        for (var i = 0; i < grey.Length; i++)
        {
            grey[i] = (byte)(40 + (i % width * 2) + (i / width));
        }

        var file = JpegEncoder.Encode(grey, width, height, new JpegEncoderOptions { Quality = 95 });

        var read = ImageResult.FromMemory(file, ColorComponents.Grey);

        Assert.Equal((width, height), (read.Width, read.Height));
        var worst = grey.Zip(read.Data, (a, b) => Math.Abs(a - b)).Max();
        Assert.InRange(worst, 0, 4);
        Assert.True(file.AsSpan().IndexOf(new byte[] { 0xFF, 0xC0 }) >= 0, "a baseline frame header");
    }
}
