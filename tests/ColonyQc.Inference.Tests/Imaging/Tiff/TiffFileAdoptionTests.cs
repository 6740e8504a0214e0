using ColonyQc.Inference.Imaging;
using ColonyQc.Inference.Imaging.Encoding;
using Xunit;

namespace ColonyQc.Inference.Tests.Imaging.Tiff;

/// <summary>
/// Decoding from a file: an uncompressed grey TIFF whose strips are one contiguous run in this
/// machine's byte order keeps its pixels in the file buffer (no copy); every other layout is
/// copied out as before. Either way the pixels, metadata and error messages are those of decoding
/// the same bytes from memory.
/// </summary>
public sealed class TiffFileAdoptionTests
{
    public static TheoryData<TiffCompression, bool, bool, bool, bool> LayoutsAndDepths()
    {
        var data = new TheoryData<TiffCompression, bool, bool, bool, bool>();
        foreach (var row in TiffLayoutCases.All())
        {
            var (compression, predictor, tiled, bigEndian) = ((TiffCompression)row[0], (bool)row[1], (bool)row[2], (bool)row[3]);
            data.Add(compression, predictor, tiled, bigEndian, false);
            data.Add(compression, predictor, tiled, bigEndian, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LayoutsAndDepths))]
    public void File_decoding_gives_the_in_memory_pixels_and_adopts_only_raw_contiguous_strips(TiffCompression compression, bool predictor, bool tiled, bool bigEndian, bool sixteen)
    {
        // An even width: the encoder pads every strip to a word boundary, so odd-sized strips would leave gaps.
        const int width = 54, height = 29;
        var options = TiffLayoutCases.Options(compression, predictor, tiled, bigEndian, tileWidth: 16, tileHeight: 16, rowsPerStrip: 7);
        var samples8 = TestImages.Textured8(width, height, 1, seed: 61);
        var samples16 = TestImages.Textured16(width, height, 1, seed: 62);
        var file = sixteen ? TiffEncoder.Encode(samples16, width, height, options) : TiffEncoder.Encode(samples8, width, height, options);

        using var fromFile = DecodeThroughFile(file, options: null);
        using var fromMemory = ImageDecoder.Decode(file, "memory.tif");

        var expectAdopted = compression == TiffCompression.None && !tiled && (!sixteen || !bigEndian);
        Assert.Equal(expectAdopted, fromFile.AdoptsFileBuffer);
        Assert.False(fromMemory.AdoptsFileBuffer);
        Assert.Equal(fromMemory.Metadata, fromFile.Metadata);
        if (sixteen)
        {
            Assert.Equal(samples16, fromFile.Pixels16.ToArray());
            Assert.True(fromFile.Pixels8.IsEmpty);
        }
        else
        {
            Assert.Equal(samples8, fromFile.Pixels8.ToArray());
            Assert.True(fromFile.Pixels16.IsEmpty);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Adopted_min_is_white_is_inverted_in_the_buffer(bool sixteen)
    {
        const int width = 33, height = 6;
        var options = new TiffEncoderOptions { MinIsWhite = true, RowsPerStrip = 4 };
        if (sixteen)
        {
            var stored = TestImages.Random16(width * height, seed: 63);
            using var image = DecodeThroughFile(TiffEncoder.Encode(stored, width, height, options), null);
            Assert.True(image.AdoptsFileBuffer);
            Assert.Equal(stored.Select(v => (ushort)(65535 - v)).ToArray(), image.Pixels16.ToArray());
        }
        else
        {
            var stored = TestImages.Random8(width * height, seed: 64);
            using var image = DecodeThroughFile(TiffEncoder.Encode(stored, width, height, options), null);
            Assert.True(image.AdoptsFileBuffer);
            Assert.Equal(stored.Select(v => (byte)(255 - v)).ToArray(), image.Pixels8.ToArray());
        }
    }

    [Fact]
    public void Strips_stored_out_of_order_are_copied_into_place()
    {
        // Two strips of 2 rows; the file holds strip 1 before strip 0, so the rows are not one run.
        const int width = 6, height = 4;
        var strip0 = TestImages.Random8(2 * width, seed: 65);
        var strip1 = TestImages.Random8(2 * width, seed: 66);
        var file = new HandBuiltTiff()
            .PixelData([.. strip1, .. strip0])
            .Long(256, width).Long(257, height).Short(258, 8).Short(259, 1).Short(262, 1).Long(278, 2)
            .Long(273, 2 * width, 0).Long(279, 2 * width, 2 * width)
            .Build();

        using var image = DecodeThroughFile(file, null);

        Assert.False(image.AdoptsFileBuffer);
        Assert.Equal([.. strip0, .. strip1], image.Pixels8.ToArray());
    }

    [Fact]
    public void Strips_with_a_gap_between_them_are_copied_into_place()
    {
        const int width = 5, height = 4;
        var strip0 = TestImages.Random8(2 * width, seed: 67);
        var strip1 = TestImages.Random8(2 * width, seed: 68);
        var file = new HandBuiltTiff()
            .PixelData([.. strip0, 0xEE, 0xEE, 0xEE, .. strip1])
            .Long(256, width).Long(257, height).Short(258, 8).Short(259, 1).Short(262, 1).Long(278, 2)
            .Long(273, 0, (2 * width) + 3).Long(279, 2 * width, 2 * width)
            .Build();

        using var image = DecodeThroughFile(file, null);

        Assert.False(image.AdoptsFileBuffer);
        Assert.Equal([.. strip0, .. strip1], image.Pixels8.ToArray());
    }

    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    public void A_truncated_raw_file_fails_with_the_in_memory_message(int bits)
    {
        // Two strips of 16 rows, the second cut short: its declared range runs past the end of the file.
        const int width = 32, height = 32;
        var stripBytes = (uint)(width * 16 * bits / 8);
        var pixels = TestImages.Random8((int)stripBytes + 100, seed: 69);
        var truncated = new HandBuiltTiff()
            .PixelData(pixels)
            .Long(256, width).Long(257, height).Short(258, (uint)bits).Short(259, 1).Short(262, 1).Long(278, 16)
            .Long(273, 0, stripBytes).Long(279, stripBytes, stripBytes)
            .Build();

        var inMemory = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(truncated, "cut.tif"));
        var path = WriteTemporary(truncated);
        try
        {
            var fromFile = Assert.Throws<InvalidImageException>(() => ImageDecoder.DecodeFile(path));
            Assert.Equal(inMemory.Message.Replace("cut.tif", path, StringComparison.Ordinal), fromFile.Message);
            Assert.Contains("strip 1 is truncated", fromFile.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Decoding_the_same_file_again_after_disposal_gives_the_same_pixels()
    {
        // The adopted buffer goes back to the pool on disposal; the next file must not see stale state.
        const int width = 64, height = 48;
        var first = TestImages.Random8(width * height, seed: 71);
        var second = TestImages.Random8(width * height, seed: 72);
        using (var image = DecodeThroughFile(TiffEncoder.Encode(first, width, height, new TiffEncoderOptions()), null))
        {
            Assert.Equal(first, image.Pixels8.ToArray());
        }

        using var again = DecodeThroughFile(TiffEncoder.Encode(second, width, height, new TiffEncoderOptions()), null);
        Assert.Equal(second, again.Pixels8.ToArray());
    }

    private static GreyImage DecodeThroughFile(byte[] file, DecodeOptions? options)
    {
        var path = WriteTemporary(file);
        try
        {
            return ImageDecoder.DecodeFile(path, options);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string WriteTemporary(byte[] file)
    {
        var path = Path.Combine(Path.GetTempPath(), $"colonyqc-adopt-{Guid.NewGuid():N}.tif");
        File.WriteAllBytes(path, file);
        return path;
    }
}
