using ColonyQc.Inference.Imaging;
using ColonyQc.Inference.Imaging.Encoding;
using Xunit;

namespace ColonyQc.Inference.Tests.Imaging.Jpeg;

/// <summary>JPEG through libvips: baseline and progressive within JPEG's loss, and DCT shrink-on-load.</summary>
public sealed class JpegDecoderTests
{
    private const int Width = 96;
    private const int Height = 64;

    private static byte[] Smooth()
    {
        var grey = new byte[Width * Height];
        for (var i = 0; i < grey.Length; i++)
        {
            grey[i] = (byte)(60 + (i % Width) + (i / Width / 2));
        }

        return grey;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Grey_decodes_within_tolerance(bool progressive)
    {
        var source = Smooth();
        var file = JpegEncoder.Encode(source, Width, Height, new JpegEncoderOptions { Quality = 95, Progressive = progressive });

        using var image = ImageDecoder.Decode(file, "grey.jpg");

        Assert.Equal(new ImageMetadata(ImageFormatKind.Jpeg, ChannelLayout.Grey, Width, Height, 8), image.Metadata);
        Assert.InRange(ExpectedGrey.MaxDifference(source, image.Pixels8), 0, 4);
    }

    [Fact]
    public void Rgb_becomes_luminance_within_tolerance()
    {
        var source = Smooth();
        var rgb = source.SelectMany(v => new[] { v, (byte)(v / 2), (byte)(255 - v) }).ToArray();
        var file = JpegEncoder.EncodeRgb(rgb, Width, Height, new JpegEncoderOptions { Quality = 98 });

        using var image = ImageDecoder.Decode(file, "rgb.jpg");

        var expected = source.Select(v => ExpectedGrey.Luma(v, v / 2, 255 - v)).ToArray();
        Assert.Equal(ChannelLayout.Rgb, image.Metadata.SourceLayout);
        Assert.InRange(ExpectedGrey.MaxDifference(expected, image.Pixels8), 0, 6);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(4, 4)]
    [InlineData(16, 8)]
    public void Shrink_on_load_honours_the_maximum(int maxShrink, int expectedShrink)
    {
        var source = Smooth();
        var file = JpegEncoder.Encode(source, Width, Height);

        using var image = ImageDecoder.Decode(file, "shrink.jpg", new DecodeOptions { MaxShrinkFactor = maxShrink });

        Assert.Equal(expectedShrink, image.Metadata.ShrinkFactor);
        Assert.Equal((Width / expectedShrink, Height / expectedShrink), (image.Width, image.Height));
        Assert.Equal((Width, Height), (image.Metadata.SourceWidth, image.Metadata.SourceHeight));
        var centre = image.Pixels8[((image.Height / 2) * image.Width) + (image.Width / 2)];
        Assert.InRange((int)centre, source[((Height / 2) * Width) + (Width / 2)] - 6, source[((Height / 2) * Width) + (Width / 2)] + 6);
    }

    [Fact]
    public void Truncated_data_is_refused_not_grey_filled()
    {
        var file = JpegEncoder.Encode(TestImages.Random8(Width * Height, seed: 70), Width, Height);

        var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(file.AsSpan(0, file.Length / 2), "cut.jpg"));

        Assert.Equal("cut.jpg", error.FileName);
    }

    [Fact]
    public void Declared_size_over_the_limit_is_refused_before_decoding()
    {
        var file = JpegEncoder.Encode(Smooth(), Width, Height);
        var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(file, "big.jpg", new DecodeOptions { MaxPixels = 100 }));
        Assert.Contains("above the limit", error.Defect, StringComparison.Ordinal);
    }
}
