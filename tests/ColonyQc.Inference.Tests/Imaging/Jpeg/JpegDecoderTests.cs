using ColonyQc.Inference.Imaging;
using ColonyQc.Inference.Imaging.Encoding;
using ColonyQc.TestSupport;
using Xunit;

namespace ColonyQc.Inference.Tests.Imaging.Jpeg;

/// <summary>JPEG through ImageSharp: baseline and progressive within JPEG's loss; truncation and corruption are refused, never grey-filled.</summary>
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
        var file = progressive ? ProgressiveJpeg.Encode(source, Width, Height, quality: 95) : JpegEncoder.Encode(source, Width, Height, new JpegEncoderOptions { Quality = 95 });

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
    [InlineData(1)]
    [InlineData(8)]
    public void Decodes_at_full_size_whatever_shrink_is_allowed(int maxShrink)
    {
        // ImageSharp 2.1 has no DCT-scaled decode; the resampler does the reduction (docs/decisions/image-codec.md).
        var file = JpegEncoder.Encode(Smooth(), Width, Height);

        using var image = ImageDecoder.Decode(file, "shrink.jpg", new DecodeOptions { MaxShrinkFactor = maxShrink });

        Assert.Equal(1, image.Metadata.ShrinkFactor);
        Assert.Equal((Width, Height), (image.Width, image.Height));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Truncated_data_is_refused_at_every_length_not_grey_filled(bool progressive)
    {
        var grey = TestImages.Random8(Width * Height, seed: 70);
        var file = progressive ? ProgressiveJpeg.Encode(grey, Width, Height) : JpegEncoder.Encode(grey, Width, Height);

        foreach (var length in Enumerable.Range(1, 39).Select(i => file.Length * i / 40).Append(file.Length - 1))
        {
            var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(file.AsSpan(0, length), "cut.jpg"));
            Assert.Equal("cut.jpg", error.FileName);
            Assert.Contains("JPEG", error.Defect, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Truncated_scan_names_the_defect()
    {
        var file = JpegEncoder.Encode(TestImages.Random8(Width * Height, seed: 71), Width, Height);

        var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(file.AsSpan(0, file.Length - 100), "cut.jpg"));

        Assert.Equal("cut.jpg: JPEG is truncated: the data ends inside scan 1, before the end-of-image marker", error.Message);
    }

    [Fact]
    public void Stray_bytes_between_segments_are_refused()
    {
        var file = JpegEncoder.Encode(Smooth(), Width, Height);
        var startOfScan = file.AsSpan().IndexOf(new byte[] { 0xFF, 0xDA });
        var corrupt = file[..startOfScan].Concat(new byte[] { 1, 2, 3 }).Concat(file[startOfScan..]).ToArray();

        var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(corrupt, "stray.jpg"));

        Assert.Contains($"3 stray bytes at offset {startOfScan}", error.Defect, StringComparison.Ordinal);
    }

    [Fact]
    public void Restart_markers_out_of_order_are_refused()
    {
        // A scan with restart markers RST0, RST1, RST2, ... where one is replaced by another index.
        var file = JpegEncoder.Encode(Smooth(), Width, Height);
        var scanEnd = file.Length - 2;
        var withRestarts = file[..scanEnd].Concat(new byte[] { 0xFF, 0xD0, 0x12, 0xFF, 0xD5, 0x34 }).Concat(file[scanEnd..]).ToArray();

        var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(withRestarts, "rst.jpg"));

        Assert.Contains("RST5", error.Defect, StringComparison.Ordinal);
        Assert.Contains("RST1 was expected", error.Defect, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_after_the_end_of_image_marker_are_allowed()
    {
        var source = Smooth();
        var file = JpegEncoder.Encode(source, Width, Height, new JpegEncoderOptions { Quality = 95 }).Concat("camera trailer"u8.ToArray()).ToArray();

        using var image = ImageDecoder.Decode(file, "trailer.jpg");

        Assert.InRange(ExpectedGrey.MaxDifference(source, image.Pixels8), 0, 4);
    }

    [Fact]
    public void Declared_size_over_the_limit_is_refused_before_decoding()
    {
        var file = JpegEncoder.Encode(Smooth(), Width, Height);
        var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(file, "big.jpg", new DecodeOptions { MaxPixels = 100 }));
        Assert.Contains("above the limit", error.Defect, StringComparison.Ordinal);
    }
}
