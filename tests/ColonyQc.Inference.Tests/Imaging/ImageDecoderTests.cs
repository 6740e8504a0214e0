using ColonyQc.Inference.Imaging;
using ColonyQc.Inference.Imaging.Encoding;
using Xunit;

namespace ColonyQc.Inference.Tests.Imaging;

/// <summary>The facade: content sniffing, files on disk, mislabelled extensions and generic bad input.</summary>
public sealed class ImageDecoderTests
{
    public static TheoryData<string, byte[]> EveryFormat() => new()
    {
        { "tiff", TiffEncoder.Encode(TestImages.Random8(64, seed: 80), 8, 8) },
        { "png", PngEncoder.Encode(TestImages.Random8(64, seed: 81), 8, 8) },
        { "jpeg", JpegEncoder.Encode(TestImages.Random8(64, seed: 82), 8, 8) },
        { "bmp", BmpEncoder.Encode(TestImages.Random8(64, seed: 83), 8, 8) },
        { "gif", ManagedFormats.Gif(TestImages.Random8(192, seed: 84), 8, 8) },
        { "webp", ManagedFormats.Webp(TestImages.Random8(192, seed: 85), 8, 8) },
        { "tga", ManagedFormats.Tga(TestImages.Random8(192, seed: 86), 8, 8, compress: false) },
        { "pbm", ManagedFormats.Pgm(TestImages.Random8(64, seed: 87), 8, 8) },
    };

    [Theory]
    [MemberData(nameof(EveryFormat))]
    public void Mislabelled_extension_still_decodes_by_content(string format, byte[] file)
    {
        var path = Path.Combine(Path.GetTempPath(), $"colonyqc-{format}-{Guid.NewGuid():N}.tif.png.jpg");
        File.WriteAllBytes(path, file);
        try
        {
            using var image = ImageDecoder.DecodeFile(path);

            Assert.Equal(format, image.Metadata.Format.ToString().ToLowerInvariant());
            Assert.True(ImageDecoder.IsSupportedImage(file.AsSpan(0, ImageDecoder.HeaderBytesNeeded)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Empty_file_is_refused()
    {
        var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode([], "empty.tif"));
        Assert.Equal("empty.tif: file is empty (0 bytes)", error.Message);
    }

    [Fact]
    public void Text_file_named_like_an_image_is_refused_as_text()
    {
        var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode("sample,label\nA1,good\n"u8, "labels.tif"));
        Assert.Contains("looks like text", error.Defect, StringComparison.Ordinal);
        Assert.False(ImageDecoder.IsSupportedImage("sample,label"u8));
    }

    [Fact]
    public void Missing_file_is_reported_with_its_path()
    {
        var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.DecodeFile("/nonexistent/colonyqc/x.tif"));
        Assert.Equal("/nonexistent/colonyqc/x.tif", error.FileName);
    }

    [Fact]
    public void Supported_extensions_cover_every_format()
        => Assert.Equal([".tif", ".tiff", ".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp", ".tga", ".pbm", ".pgm", ".ppm", ".pnm"], ImageDecoder.SupportedExtensions);
}
