using ColonyQc.Inference.Imaging;
using ColonyQc.Inference.Imaging.Encoding;
using Xunit;

namespace ColonyQc.Inference.Tests.Imaging.Tiff;

/// <summary>TIFF decoding: values the test wrote come back exactly, for every compression, layout and byte order.</summary>
public sealed class TiffDecoderTests
{
    [Theory]
    [MemberData(nameof(TiffLayoutCases.All), MemberType = typeof(TiffLayoutCases))]
    public void Grey8_round_trips(TiffCompression compression, bool predictor, bool tiled, bool bigEndian)
    {
        const int width = 67, height = 45;
        var samples = TestImages.Textured8(width, height, 1, seed: 21);
        var file = TiffEncoder.Encode(samples, width, height, TiffLayoutCases.Options(compression, predictor, tiled, bigEndian, tileWidth: 32, tileHeight: 16, rowsPerStrip: 8));

        using var image = ImageDecoder.Decode(file, "grey8.tif");

        Assert.Equal((width, height, 8), (image.Width, image.Height, image.BitDepth));
        Assert.Equal(samples, image.Pixels8.ToArray());
        Assert.Equal(new ImageMetadata(ImageFormatKind.Tiff, ChannelLayout.Grey, width, height, 8), image.Metadata);
    }

    [Theory]
    [MemberData(nameof(TiffLayoutCases.All), MemberType = typeof(TiffLayoutCases))]
    public void Grey16_stays_16_bit(TiffCompression compression, bool predictor, bool tiled, bool bigEndian)
    {
        const int width = 41, height = 37;
        var samples = TestImages.Textured16(width, height, 1, seed: 22);
        var file = TiffEncoder.Encode(samples, width, height, TiffLayoutCases.Options(compression, predictor, tiled, bigEndian, tileWidth: 16, tileHeight: 32));

        using var image = ImageDecoder.Decode(file, "grey16.tif");

        Assert.Equal(16, image.BitDepth);
        Assert.Equal(16, image.Metadata.SourceBitDepth);
        Assert.Equal(samples, image.Pixels16.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Min_is_white_is_inverted(bool sixteen)
    {
        const int width = 9, height = 4;
        var options = new TiffEncoderOptions { MinIsWhite = true };
        if (sixteen)
        {
            var stored = TestImages.Random16(width * height, seed: 23);
            using var image = ImageDecoder.Decode(TiffEncoder.Encode(stored, width, height, options), "white16.tif");
            Assert.Equal(stored.Select(v => (ushort)(65535 - v)).ToArray(), image.Pixels16.ToArray());
        }
        else
        {
            var stored = TestImages.Random8(width * height, seed: 24);
            using var image = ImageDecoder.Decode(TiffEncoder.Encode(stored, width, height, options), "white8.tif");
            Assert.Equal(stored.Select(v => (byte)(255 - v)).ToArray(), image.Pixels8.ToArray());
        }
    }

    [Theory]
    [InlineData(TiffCompression.Lzw, true)]
    [InlineData(TiffCompression.None, false)]
    [InlineData(TiffCompression.Deflate, true)]
    public void Grey_ramp_palette_gives_the_grey_values(TiffCompression compression, bool predictor)
    {
        const int width = 50, height = 31;
        var indices = TestImages.Textured8(width, height, 1, seed: 25);
        var file = TiffEncoder.Encode(indices, width, height, new TiffEncoderOptions
        {
            Layout = ChannelLayout.Palette, ColourMap = TestImages.GreyRampColourMap(8), Compression = compression, HorizontalPredictor = predictor,
        });

        using var image = ImageDecoder.Decode(file, "ramp.tif");

        Assert.Equal(ChannelLayout.Palette, image.Metadata.SourceLayout);
        Assert.Equal(indices, image.Pixels8.ToArray());
    }

    [Fact]
    public void Colour_palette_gives_the_luminance_of_each_entry()
    {
        const int width = 40, height = 12;
        var indices = TestImages.Random8(width * height, seed: 26);
        var map = TestImages.ColourfulColourMap(8, seed: 27);
        var file = TiffEncoder.Encode(indices, width, height, new TiffEncoderOptions { Layout = ChannelLayout.Palette, ColourMap = map, Compression = TiffCompression.Lzw });

        using var image = ImageDecoder.Decode(file, "palette.tif");

        var expected = indices.Select(i => ExpectedGrey.Luma(map[i] >> 8, map[256 + i] >> 8, map[512 + i] >> 8)).ToArray();
        Assert.InRange(ExpectedGrey.MaxDifference(expected, image.Pixels8), 0, 1);
        Assert.NotEqual(indices, image.Pixels8.ToArray());
    }

    [Theory]
    [InlineData(ChannelLayout.Rgb, 3, false)]
    [InlineData(ChannelLayout.Rgba, 4, false)]
    [InlineData(ChannelLayout.Rgb, 3, true)]
    [InlineData(ChannelLayout.Rgba, 4, true)]
    public void Rgb_becomes_rec601_luminance(ChannelLayout layout, int spp, bool tiled)
    {
        const int width = 35, height = 19;
        var samples = TestImages.Random8(width * height * spp, seed: 28);
        var file = TiffEncoder.Encode(samples, width, height, new TiffEncoderOptions
        {
            Layout = layout, Compression = TiffCompression.Lzw, HorizontalPredictor = true, TileWidth = tiled ? 16 : 0, TileHeight = tiled ? 16 : 0,
        });

        using var image = ImageDecoder.Decode(file, "rgb.tif");

        var expected = Enumerable.Range(0, width * height).Select(i => ExpectedGrey.Luma(samples[i * spp], samples[(i * spp) + 1], samples[(i * spp) + 2])).ToArray();
        Assert.Equal(layout, image.Metadata.SourceLayout);
        Assert.InRange(ExpectedGrey.MaxDifference(expected, image.Pixels8), 0, 1);
    }

    [Fact]
    public void Rgb16_becomes_16_bit_luminance()
    {
        const int width = 21, height = 8;
        var samples = TestImages.Random16(width * height * 3, seed: 29);
        var file = TiffEncoder.Encode(samples, width, height, new TiffEncoderOptions { Layout = ChannelLayout.Rgb, BigEndian = true, Compression = TiffCompression.Deflate });

        using var image = ImageDecoder.Decode(file, "rgb16.tif");

        var expected = Enumerable.Range(0, width * height).Select(i => ExpectedGrey.Luma16(samples[i * 3], samples[(i * 3) + 1], samples[(i * 3) + 2])).ToArray();
        Assert.Equal(16, image.BitDepth);
        Assert.InRange(ExpectedGrey.MaxDifference(expected, image.Pixels16), 0, 1);
    }

    [Fact]
    public void Grey_alpha_keeps_the_grey()
    {
        const int width = 12, height = 7;
        var samples = TestImages.Random8(width * height * 2, seed: 30);
        var file = TiffEncoder.Encode(samples, width, height, new TiffEncoderOptions { Layout = ChannelLayout.GreyAlpha, Compression = TiffCompression.PackBits });

        using var image = ImageDecoder.Decode(file, "ga.tif");

        Assert.Equal(samples.Where((_, i) => i % 2 == 0).ToArray(), image.Pixels8.ToArray());
    }

    [Fact]
    public void Hand_built_big_endian_planar_rgb_is_decoded()
    {
        const int width = 5, height = 3;
        var red = TestImages.Random8(width * height, seed: 31);
        var green = TestImages.Random8(width * height, seed: 32);
        var blue = TestImages.Random8(width * height, seed: 33);
        var plane = (uint)(width * height);
        var file = new HandBuiltTiff(bigEndian: true)
            .PixelData([.. red, .. green, .. blue])
            .Long(256, width).Long(257, height).Short(258, 8, 8, 8).Short(259, 1).Short(262, 2).Short(277, 3)
            .Short(284, 2).Long(278, height).Long(273, 0, plane, 2 * plane).Long(279, plane, plane, plane)
            .Build();

        using var image = ImageDecoder.Decode(file, "planar.tif");

        var expected = Enumerable.Range(0, width * height).Select(i => ExpectedGrey.Luma(red[i], green[i], blue[i])).ToArray();
        Assert.InRange(ExpectedGrey.MaxDifference(expected, image.Pixels8), 0, 1);
    }

    [Fact]
    public void Hand_built_tiled_file_without_photometric_reads_as_grey()
    {
        // One 16x16 tile for a 10x6 image: the decoder must crop the tile's padding.
        var tile = TestImages.Random8(16 * 16, seed: 34);
        var file = new HandBuiltTiff()
            .PixelData(tile)
            .Long(256, 10).Long(257, 6).Short(258, 8).Long(322, 16).Long(323, 16).Long(324, 0).Long(325, 256)
            .Build();

        using var image = ImageDecoder.Decode(file, "tile.tif");

        var expected = Enumerable.Range(0, 60).Select(i => tile[(i / 10 * 16) + (i % 10)]).ToArray();
        Assert.Equal(expected, image.Pixels8.ToArray());
    }

    [Fact]
    public void First_page_is_decoded_and_pages_counted()
    {
        var first = TestImages.Random8(16 * 8, seed: 35);
        var second = TestImages.Random8(4 * 4, seed: 36);
        var file = TiffEncoder.EncodePages([TiffPage.From8(first, 16, 8), TiffPage.From8(second, 4, 4)], new TiffEncoderOptions { Compression = TiffCompression.Lzw });

        using var image = ImageDecoder.Decode(file, "pages.tif");

        Assert.Equal(2, image.Metadata.PageCount);
        Assert.Equal(first, image.Pixels8.ToArray());
    }

    [Theory]
    [InlineData(0.8625, TiffResolutionUnit.Centimetre)]
    [InlineData(0.345, TiffResolutionUnit.Inch)]
    [InlineData(4.3, TiffResolutionUnit.Centimetre)]
    public void Resolution_tags_round_trip_to_um_per_pixel(double umPerPixel, TiffResolutionUnit unit)
    {
        var file = TiffEncoder.Encode(new byte[16], 4, 4, new TiffEncoderOptions { UmPerPixel = umPerPixel, ResolutionUnit = unit });

        using var image = ImageDecoder.Decode(file, "scale.tif");

        Assert.NotNull(image.Metadata.UmPerPixel);
        Assert.Equal(umPerPixel, image.Metadata.UmPerPixel!.Value, 1e-6);
    }

    [Fact]
    public void Desktop_72_dpi_is_not_taken_as_a_microscope_scale()
    {
        var file = TiffEncoder.Encode(new byte[16], 4, 4, new TiffEncoderOptions { UmPerPixel = 25_400.0 / 72, ResolutionUnit = TiffResolutionUnit.Inch });

        using var image = ImageDecoder.Decode(file, "dpi.tif");

        Assert.Null(image.Metadata.UmPerPixel);
    }

    [Fact]
    public void Random_sizes_round_trip_with_every_compression()
    {
        // Property: for any size (odd widths, single rows and columns) and strip height, decode(encode(x)) == x.
        var random = new Random(37);
        var compressions = Enum.GetValues<TiffCompression>();
        for (var trial = 0; trial < 60; trial++)
        {
            var width = random.Next(1, 70);
            var height = trial % 5 == 0 ? 1 : random.Next(1, 50);
            var compression = compressions[trial % compressions.Length];
            var sixteen = trial % 3 == 0;
            var options = new TiffEncoderOptions
            {
                Compression = compression,
                HorizontalPredictor = compression is TiffCompression.Lzw or TiffCompression.Deflate && trial % 2 == 0,
                RowsPerStrip = random.Next(1, 9),
                BigEndian = trial % 4 == 1,
            };
            if (sixteen)
            {
                var samples = TestImages.Random16(width * height, trial);
                using var image = ImageDecoder.Decode(TiffEncoder.Encode(samples, width, height, options), $"random{trial}.tif");
                Assert.Equal(samples, image.Pixels16.ToArray());
            }
            else
            {
                var samples = TestImages.Textured8(width, height, 1, trial);
                using var image = ImageDecoder.Decode(TiffEncoder.Encode(samples, width, height, options), $"random{trial}.tif");
                Assert.Equal(samples, image.Pixels8.ToArray());
            }
        }
    }
}
