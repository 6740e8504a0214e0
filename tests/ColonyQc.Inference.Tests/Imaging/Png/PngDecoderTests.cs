using ColonyQc.Inference.Imaging;
using ColonyQc.Inference.Imaging.Encoding;
using Xunit;

namespace ColonyQc.Inference.Tests.Imaging.Png;

/// <summary>PNG decoding: every colour type, bit depth, filter and interlacing gives back the values the test wrote.</summary>
public sealed class PngDecoderTests
{
    [Theory]
    [MemberData(nameof(PngFilterCases.All), MemberType = typeof(PngFilterCases))]
    public void Grey8_round_trips_with_every_filter(PngRowFilter filter, bool interlaced)
    {
        const int width = 37, height = 23;
        var samples = TestImages.Textured8(width, height, 1, seed: 50);
        var file = PngEncoder.Encode(samples, width, height, new PngEncoderOptions { Filter = filter, Interlaced = interlaced });

        using var image = ImageDecoder.Decode(file, "grey.png");

        Assert.Equal(new ImageMetadata(ImageFormatKind.Png, ChannelLayout.Grey, width, height, 8), image.Metadata);
        Assert.Equal(samples, image.Pixels8.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Grey16_stays_16_bit(bool interlaced)
    {
        const int width = 19, height = 13;
        var samples = TestImages.Random16(width * height, seed: 51);
        var file = PngEncoder.Encode(samples, width, height, new PngEncoderOptions { Filter = PngRowFilter.Cycle, Interlaced = interlaced });

        using var image = ImageDecoder.Decode(file, "grey16.png");

        Assert.Equal(16, image.BitDepth);
        Assert.Equal(samples, image.Pixels16.ToArray());
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(4, true)]
    public void Low_bit_grey_is_scaled_to_8_bit(int bits, bool interlaced)
    {
        const int width = 11, height = 9;
        var samples = TestImages.Random8(width * height, seed: bits, maxExclusive: 1 << bits);
        var file = PngEncoder.Encode(samples, width, height, new PngEncoderOptions { BitDepth = bits, Interlaced = interlaced, Filter = PngRowFilter.Cycle });

        using var image = ImageDecoder.Decode(file, "low.png");

        Assert.Equal(bits, image.Metadata.SourceBitDepth);
        Assert.Equal(samples.Select(v => (byte)(v * 255 / ((1 << bits) - 1))).ToArray(), image.Pixels8.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void Palette_maps_to_luminance(int bits)
    {
        const int width = 17, height = 5;
        var entries = 1 << bits;
        var palette = TestImages.Random8(3 * entries, seed: 52);
        var indices = TestImages.Random8(width * height, seed: 53, maxExclusive: entries);
        var file = PngEncoder.Encode(indices, width, height, new PngEncoderOptions { Layout = ChannelLayout.Palette, Palette = palette, BitDepth = bits });

        using var image = ImageDecoder.Decode(file, "palette.png");

        var expected = indices.Select(i => ExpectedGrey.Luma(palette[i * 3], palette[(i * 3) + 1], palette[(i * 3) + 2])).ToArray();
        Assert.Equal(ChannelLayout.Palette, image.Metadata.SourceLayout);
        Assert.InRange(ExpectedGrey.MaxDifference(expected, image.Pixels8), 0, 1);
    }

    [Theory]
    [InlineData(ChannelLayout.Rgb, 3, false)]
    [InlineData(ChannelLayout.Rgba, 4, false)]
    [InlineData(ChannelLayout.Rgb, 3, true)]
    public void Rgb_becomes_luminance(ChannelLayout layout, int spp, bool interlaced)
    {
        const int width = 23, height = 14;
        var samples = TestImages.Random8(width * height * spp, seed: 54);
        var file = PngEncoder.Encode(samples, width, height, new PngEncoderOptions { Layout = layout, Interlaced = interlaced, Filter = PngRowFilter.Paeth });

        using var image = ImageDecoder.Decode(file, "rgb.png");

        var expected = Enumerable.Range(0, width * height).Select(i => ExpectedGrey.Luma(samples[i * spp], samples[(i * spp) + 1], samples[(i * spp) + 2])).ToArray();
        Assert.Equal(layout, image.Metadata.SourceLayout);
        Assert.InRange(ExpectedGrey.MaxDifference(expected, image.Pixels8), 0, 1);
    }

    [Theory]
    [InlineData(ChannelLayout.Rgb, 3)]
    [InlineData(ChannelLayout.Rgba, 4)]
    [InlineData(ChannelLayout.GreyAlpha, 2)]
    public void Sixteen_bit_colour_and_alpha(ChannelLayout layout, int spp)
    {
        const int width = 9, height = 6;
        var samples = TestImages.Random16(width * height * spp, seed: 55);
        var file = PngEncoder.Encode(samples, width, height, new PngEncoderOptions { Layout = layout, Filter = PngRowFilter.Cycle });

        using var image = ImageDecoder.Decode(file, "colour16.png");

        var expected = Enumerable.Range(0, width * height)
            .Select(i => spp == 2 ? samples[i * 2] : ExpectedGrey.Luma16(samples[i * spp], samples[(i * spp) + 1], samples[(i * spp) + 2])).ToArray();
        Assert.Equal(16, image.BitDepth);
        Assert.InRange(ExpectedGrey.MaxDifference(expected, image.Pixels16), 0, 1);
    }

    [Fact]
    public void Grey_alpha_keeps_the_grey()
    {
        var samples = TestImages.Random8(7 * 3 * 2, seed: 56);
        using var image = ImageDecoder.Decode(PngEncoder.Encode(samples, 7, 3, new PngEncoderOptions { Layout = ChannelLayout.GreyAlpha }), "ga.png");
        Assert.Equal(samples.Where((_, i) => i % 2 == 0).ToArray(), image.Pixels8.ToArray());
    }

    [Fact]
    public void Phys_round_trips_to_um_per_pixel()
    {
        using var image = ImageDecoder.Decode(PngEncoder.Encode(new byte[4], 2, 2, new PngEncoderOptions { UmPerPixel = 0.8625 }), "scale.png");
        Assert.Equal(0.8625, image.Metadata.UmPerPixel!.Value, 1e-5);
    }

    [Fact]
    public void Random_sizes_round_trip_interlaced_or_not()
    {
        // Property: Adam7 passes are empty for tiny images; any size must still round-trip exactly.
        var random = new Random(57);
        for (var trial = 0; trial < 40; trial++)
        {
            var width = trial % 7 == 0 ? 1 : random.Next(1, 40);
            var height = trial % 5 == 0 ? 1 : random.Next(1, 30);
            var samples = TestImages.Random8(width * height, trial);
            var options = new PngEncoderOptions { Interlaced = trial % 2 == 0, Filter = (PngRowFilter)(trial % 6) };

            using var image = ImageDecoder.Decode(PngEncoder.Encode(samples, width, height, options), $"random{trial}.png");

            Assert.Equal(samples, image.Pixels8.ToArray());
        }
    }

    [Fact]
    public void Crc_check_is_optional_and_catches_a_flipped_byte()
    {
        var file = PngEncoder.Encode(TestImages.Random8(64, seed: 58), 8, 8, new PngEncoderOptions { UmPerPixel = 1 });
        var phys = file.AsSpan().IndexOf("pHYs"u8);
        file[phys + 6] ^= 0x01;

        using (ImageDecoder.Decode(file, "flip.png"))
        {
        }

        var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(file, "flip.png", new DecodeOptions { VerifyChecksums = true }));
        Assert.Contains("CRC", error.Defect, StringComparison.Ordinal);
    }
}
