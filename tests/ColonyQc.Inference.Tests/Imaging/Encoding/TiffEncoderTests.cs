using System.Runtime.InteropServices;
using ColonyQc.Inference.Imaging;
using ColonyQc.Inference.Imaging.Encoding;
using Xunit;

namespace ColonyQc.Inference.Tests.Imaging.Encoding;

/// <summary>The TIFF writer checked by an independent reader (LibTiff.NET): every compression, layout and byte order.</summary>
public sealed class TiffEncoderTests
{
    [Theory]
    [MemberData(nameof(TiffLayoutCases.All), MemberType = typeof(TiffLayoutCases))]
    public void Grey8_is_read_back_by_libtiff(TiffCompression compression, bool predictor, bool tiled, bool bigEndian)
    {
        const int width = 67, height = 45;
        var samples = TestImages.Textured8(width, height, 1, seed: 1);
        var file = TiffEncoder.Encode(samples, width, height, TiffLayoutCases.Options(compression, predictor, tiled, bigEndian, tileWidth: 32, tileHeight: 16, rowsPerStrip: 7));

        var read = LibTiffReference.Read(file);

        Assert.Equal((width, height, 1, 8), (read.Width, read.Height, read.SamplesPerPixel, read.BitsPerSample));
        Assert.Equal(samples, read.Bytes);
    }

    [Theory]
    [MemberData(nameof(TiffLayoutCases.All), MemberType = typeof(TiffLayoutCases))]
    public void Grey16_is_read_back_by_libtiff(TiffCompression compression, bool predictor, bool tiled, bool bigEndian)
    {
        const int width = 41, height = 37;
        var samples = TestImages.Textured16(width, height, 1, seed: 2);
        var file = TiffEncoder.Encode(samples, width, height, TiffLayoutCases.Options(compression, predictor, tiled, bigEndian, tileWidth: 16, tileHeight: 16));

        var read = LibTiffReference.Read(file);

        Assert.Equal(16, read.BitsPerSample);
        Assert.Equal(samples, MemoryMarshal.Cast<byte, ushort>(read.Bytes).ToArray());
    }

    [Theory]
    [InlineData(ChannelLayout.Rgb, 3)]
    [InlineData(ChannelLayout.Rgba, 4)]
    [InlineData(ChannelLayout.GreyAlpha, 2)]
    public void Colour_layouts_are_read_back_by_libtiff(ChannelLayout layout, int spp)
    {
        const int width = 33, height = 20;
        var samples = TestImages.Textured8(width, height, spp, seed: 3);
        var file = TiffEncoder.Encode(samples, width, height, new TiffEncoderOptions { Layout = layout, Compression = TiffCompression.Lzw, HorizontalPredictor = true });

        var read = LibTiffReference.Read(file);

        Assert.Equal(spp, read.SamplesPerPixel);
        Assert.Equal(samples, read.Bytes);
    }

    [Fact]
    public void Palette_writes_the_colour_map()
    {
        const int width = 30, height = 10;
        var indices = TestImages.Random8(width * height, seed: 4);
        var map = TestImages.ColourfulColourMap(8, seed: 5);
        var file = TiffEncoder.Encode(indices, width, height, new TiffEncoderOptions { Layout = ChannelLayout.Palette, ColourMap = map, Compression = TiffCompression.Lzw });

        var read = LibTiffReference.Read(file);

        Assert.Equal(indices, read.Bytes);
        Assert.Equal(map[..256], read.ColourMap![0]);
        Assert.Equal(map[512..], read.ColourMap[2]);
    }

    [Fact]
    public void Pages_are_chained()
    {
        var first = TestImages.Random8(20 * 10, seed: 6);
        var second = TestImages.Random8(20 * 10, seed: 7);
        var file = TiffEncoder.EncodePages([TiffPage.From8(first, 20, 10), TiffPage.From8(second, 20, 10), TiffPage.From8(second, 20, 10)]);

        var read = LibTiffReference.Read(file);

        Assert.Equal(3, read.PageCount);
        Assert.Equal(first, read.Bytes);
    }

    [Fact]
    public void Large_lzw_strip_uses_every_code_width_and_table_resets()
    {
        // Noise defeats the dictionary, so one 64 KB strip walks 9..12-bit codes and several Clear codes.
        const int width = 256, height = 256;
        var samples = TestImages.Random8(width * height, seed: 8);
        var file = TiffEncoder.Encode(samples, width, height, new TiffEncoderOptions { Compression = TiffCompression.Lzw, RowsPerStrip = height });

        Assert.Equal(samples, LibTiffReference.Read(file).Bytes);
    }
}
