using ColonyQc.Inference.Imaging;
using ColonyQc.Inference.Imaging.Encoding;
using ColonyQc.TestSupport;
using Xunit;

namespace ColonyQc.Inference.Tests.Imaging;

/// <summary>
/// Seeded fuzzing: truncations at many lengths and random byte flips of valid files of every format may
/// only ever decode or throw <see cref="InvalidImageException"/>: no other exception, no native crash.
/// </summary>
public sealed class DecoderFuzzTests
{
    public static TheoryData<string, byte[]> Seeds()
    {
        const int w = 24, h = 16;
        var grey = TestImages.Textured8(w, h, 1, seed: 90);
        var rgb = TestImages.Textured8(w, h, 3, seed: 91);
        return new TheoryData<string, byte[]>
        {
            { "tiff-raw", TiffEncoder.Encode(grey, w, h, new TiffEncoderOptions { RowsPerStrip = 4, UmPerPixel = 0.86 }) },
            { "tiff-lzw-predictor", TiffEncoder.Encode(grey, w, h, new TiffEncoderOptions { Compression = TiffCompression.Lzw, HorizontalPredictor = true, RowsPerStrip = 5 }) },
            { "tiff-deflate-tiles-be", TiffEncoder.Encode(TestImages.Textured16(w, h, 1, 92), w, h, new TiffEncoderOptions { Compression = TiffCompression.Deflate, TileWidth = 16, TileHeight = 16, BigEndian = true }) },
            { "tiff-packbits-rgb", TiffEncoder.Encode(rgb, w, h, new TiffEncoderOptions { Compression = TiffCompression.PackBits, Layout = ChannelLayout.Rgb }) },
            { "tiff-palette", TiffEncoder.Encode(grey, w, h, new TiffEncoderOptions { Layout = ChannelLayout.Palette, ColourMap = TestImages.GreyRampColourMap(8), Compression = TiffCompression.Lzw }) },
            { "png-grey", PngEncoder.Encode(grey, w, h, new PngEncoderOptions { Filter = PngRowFilter.Cycle }) },
            { "png-rgb-interlaced", PngEncoder.Encode(rgb, w, h, new PngEncoderOptions { Layout = ChannelLayout.Rgb, Interlaced = true }) },
            { "png-16", PngEncoder.Encode(TestImages.Textured16(w, h, 1, 93), w, h) },
            { "jpeg", JpegEncoder.Encode(grey, w, h) },
            { "jpeg-progressive", ProgressiveJpeg.Encode(grey, w, h) },
            { "jpeg-rgb", JpegEncoder.EncodeRgb(rgb, w, h) },
            { "gif", ManagedFormats.Gif(rgb, w, h) },
            { "webp-lossless", ManagedFormats.Webp(rgb, w, h) },
            { "tga-rle", ManagedFormats.Tga(rgb, w, h, compress: true) },
            { "pgm", ManagedFormats.Pgm(grey, w, h) },
            { "bmp-8", BmpEncoder.Encode(grey, w, h) },
            { "bmp-24", BmpEncoder.Encode(rgb, w, h, new BmpEncoderOptions { BitsPerPixel = 24, TopDown = true }) },
        };
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Truncations_and_byte_flips_only_decode_or_throw_invalid_image(string kind, byte[] valid)
    {
        var random = new Random(kind.Length * 7919);
        var lengths = Enumerable.Range(0, 40).Select(i => (int)((long)valid.Length * i / 40)).Concat([1, 2, 3, 7, 8, 9, valid.Length - 1]);
        foreach (var length in lengths.Distinct())
        {
            DecodeOrRefuse(valid[..length], $"{kind} cut at {length}");
        }

        for (var trial = 0; trial < 150; trial++)
        {
            var mutated = (byte[])valid.Clone();
            var flips = 1 + random.Next(4);
            for (var f = 0; f < flips; f++)
            {
                // Keep the magic bytes most of the time so the format's own parser is exercised.
                var at = trial % 10 == 0 ? random.Next(mutated.Length) : random.Next(Math.Min(4, mutated.Length - 1), mutated.Length);
                mutated[at] = (byte)random.Next(256);
            }

            DecodeOrRefuse(mutated, $"{kind} mutation {trial}");
        }
    }

    private static void DecodeOrRefuse(byte[] data, string label)
    {
        try
        {
            using var image = ImageDecoder.Decode(data, label, new DecodeOptions { MaxPixels = 4_000_000 });
            Assert.Equal(image.Width * image.Height, image.BitDepth == 8 ? image.Pixels8.Length : image.Pixels16.Length);
        }
        catch (InvalidImageException e)
        {
            Assert.Equal(label, e.FileName);
        }
    }
}
