using ColonyQc.Inference.Imaging;
using Xunit;

namespace ColonyQc.Inference.Tests.Imaging.Managed;

/// <summary>
/// GIF, WebP, TGA and Netpbm through ImageSharp: the same grey as the fast-path formats, the same size
/// limit before anything is allocated, truncation refused, only an animation's first frame.
/// </summary>
public sealed class ManagedFormatDecoderTests
{
    private const int Width = 24;
    private const int Height = 16;

    private static byte[] Rgb() => TestImages.Textured8(Width, Height, 3, seed: 40);

    private static byte[] Luma(byte[] rgb) =>
        Enumerable.Range(0, rgb.Length / 3).Select(i => ExpectedGrey.Luma(rgb[3 * i], rgb[(3 * i) + 1], rgb[(3 * i) + 2])).ToArray();

    public static TheoryData<string, byte[], ImageFormatKind> LosslessColour() => new()
    {
        { "lossless.webp", ManagedFormats.Webp(Rgb(), Width, Height), ImageFormatKind.Webp },
        { "raw.tga", ManagedFormats.Tga(Rgb(), Width, Height, compress: false), ImageFormatKind.Tga },
        { "rle.tga", ManagedFormats.Tga(Rgb(), Width, Height, compress: true), ImageFormatKind.Tga },
    };

    [Theory]
    [MemberData(nameof(LosslessColour))]
    public void Lossless_colour_becomes_the_same_luminance_as_every_other_format(string name, byte[] file, ImageFormatKind format)
    {
        using var image = ImageDecoder.Decode(file, name);

        Assert.Equal(format, image.Metadata.Format);
        Assert.Equal((Width, Height, 8), (image.Width, image.Height, image.BitDepth));
        Assert.InRange(ExpectedGrey.MaxDifference(Luma(Rgb()), image.Pixels8), 0, 1);
    }

    [Fact]
    public void Gif_palette_becomes_luminance_within_its_quantisation()
    {
        var grey = TestImages.Textured8(Width, Height, 1, seed: 41);
        var rgb = grey.SelectMany(v => new[] { v, v, v }).ToArray();

        using var image = ImageDecoder.Decode(ManagedFormats.Gif(rgb, Width, Height), "palette.gif");

        Assert.Equal(new ImageMetadata(ImageFormatKind.Gif, ChannelLayout.Palette, Width, Height, 8), image.Metadata);
        Assert.InRange(ExpectedGrey.MaxDifference(grey, image.Pixels8), 0, 12);
    }

    [Fact]
    public void Only_the_first_frame_of_an_animated_gif_is_decoded()
    {
        using var image = ImageDecoder.Decode(ManagedFormats.TwoFrameGif(200, Width, Height), "animated.gif");

        Assert.All(image.Pixels8.ToArray(), v => Assert.InRange(v, 195, 205));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Pgm_is_grey_and_exact(bool plain)
    {
        var grey = TestImages.Random8(Width * Height, seed: 42);
        var file = plain ? ManagedFormats.PlainPgm(grey, Width, Height) : ManagedFormats.Pgm(grey, Width, Height);

        using var image = ImageDecoder.Decode(file, "field.pgm");

        Assert.Equal(new ImageMetadata(ImageFormatKind.Pbm, ChannelLayout.Grey, Width, Height, 8), image.Metadata);
        Assert.Equal(grey, image.Pixels8.ToArray());
    }

    [Fact]
    public void Sixteen_bit_pgm_stays_sixteen_bit()
    {
        var grey = TestImages.Random16(Width * Height, seed: 43);

        using var image = ImageDecoder.Decode(ManagedFormats.Pgm16(grey, Width, Height), "field16.pgm");

        Assert.Equal(16, image.BitDepth);
        Assert.Equal(grey, image.Pixels16.ToArray());
    }

    public static TheoryData<string, byte[]> EveryFormat() => new()
    {
        { "big.gif", ManagedFormats.Gif(Rgb(), Width, Height) },
        { "big.webp", ManagedFormats.Webp(Rgb(), Width, Height) },
        { "big.tga", ManagedFormats.Tga(Rgb(), Width, Height, compress: true) },
        { "big.pgm", ManagedFormats.Pgm(TestImages.Random8(Width * Height, seed: 44), Width, Height) },
    };

    [Theory]
    [MemberData(nameof(EveryFormat))]
    public void Declared_size_over_the_limit_is_refused_before_decoding(string name, byte[] file)
    {
        var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(file, name, new DecodeOptions { MaxPixels = 100 }));

        Assert.Contains($"{Width}x{Height} = {Width * Height} pixels, above the limit of 100", error.Defect, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EveryFormat))]
    public void Truncated_files_are_refused_not_padded(string name, byte[] file)
    {
        foreach (var length in new[] { file.Length / 4, file.Length / 2, file.Length * 3 / 4 })
        {
            var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(file.AsSpan(0, length), name));
            Assert.Equal(name, error.FileName);
        }
    }
}
