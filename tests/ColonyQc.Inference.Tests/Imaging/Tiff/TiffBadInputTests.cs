using ColonyQc.Inference.Imaging;
using ColonyQc.Inference.Imaging.Encoding;
using Xunit;

namespace ColonyQc.Inference.Tests.Imaging.Tiff;

/// <summary>Each defective TIFF is refused with an <see cref="InvalidImageException"/> that names the file and the defect.</summary>
public sealed class TiffBadInputTests
{
    private static InvalidImageException Refused(byte[] file, DecodeOptions? options = null)
    {
        var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(file, "bad.tif", options).Dispose());
        Assert.Equal("bad.tif", error.FileName);
        Assert.StartsWith("bad.tif: ", error.Message, StringComparison.Ordinal);
        return error;
    }

    private static byte[] Valid(TiffCompression compression = TiffCompression.None, int rowsPerStrip = 8)
        => TiffEncoder.Encode(TestImages.Textured8(64, 32, 1, seed: 40), 64, 32, new TiffEncoderOptions { Compression = compression, RowsPerStrip = rowsPerStrip });

    [Fact]
    public void Truncated_header() => Assert.Contains("TIFF header is truncated", Refused("II*\0"u8.ToArray()).Defect, StringComparison.Ordinal);

    [Fact]
    public void Directory_outside_the_file()
    {
        var file = Valid();
        Assert.Contains("directory", Refused(file[..(file.Length / 2)]).Defect, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_strip_names_the_strip_and_sizes()
    {
        // Strip data first, directory last: move the directory to the front so cutting the file cuts strip data.
        var samples = TestImages.Textured8(64, 32, 1, seed: 41);
        var strips = samples.Length;
        var file = new HandBuiltTiff()
            .PixelData(samples[..1200])
            .Long(256, 64).Long(257, 32).Short(258, 8).Short(262, 1).Long(278, 32).Long(273, 0).Long(279, (uint)strips)
            .Build();

        var defect = Refused(file).Defect;

        Assert.Contains("TIFF strip 0 is truncated: expected 2048 bytes", defect, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_lzw_data()
    {
        var file = Valid(TiffCompression.Lzw, rowsPerStrip: 32);
        // The strip starts at offset 8: overwrite its codes with all-ones (code 511+ before the table has grown).
        for (var i = 10; i < 40; i++)
        {
            file[i] = 0xFF;
        }

        Assert.Contains("LZW", Refused(file).Defect, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_deflate_data()
    {
        var file = Valid(TiffCompression.Deflate, rowsPerStrip: 32);
        file[8] = 0x00;
        file[9] = 0x00;
        Assert.Contains("Deflate", Refused(file).Defect, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(12, 1, 1, "12-bit")]
    [InlineData(32, 3, 1, "floating-point")]
    [InlineData(8, 1, 5, "CMYK")]
    [InlineData(8, 1, 6, "YCbCr")]
    public void Unsupported_sample_layouts(int bits, int sampleFormat, int photometric, string expected)
    {
        var spp = photometric == 5 ? 4u : photometric == 6 ? 3u : 1u;
        var file = new HandBuiltTiff()
            .PixelData(new byte[64])
            .Long(256, 4).Long(257, 4).Short(258, Enumerable.Repeat((uint)bits, (int)spp).ToArray()).Short(262, (uint)photometric)
            .Short(277, spp).Short(339, Enumerable.Repeat((uint)sampleFormat, (int)spp).ToArray()).Long(273, 0).Long(279, 64)
            .Build();

        Assert.Contains(expected, Refused(file).Defect, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_compression_is_named()
    {
        var file = new HandBuiltTiff().PixelData(new byte[16]).Long(256, 4).Long(257, 4).Short(258, 8).Short(259, 7).Long(273, 0).Long(279, 16).Build();
        Assert.Contains("compression 7 (JPEG)", Refused(file).Defect, StringComparison.Ordinal);
    }

    [Fact]
    public void Declared_size_over_the_limit_is_refused_before_allocation()
    {
        // 100000 x 100000 declared over 16 bytes of data: must be refused by the limit, not by truncation.
        var file = new HandBuiltTiff().PixelData(new byte[16]).Long(256, 100_000).Long(257, 100_000).Short(258, 8).Long(273, 0).Long(279, 16).Build();

        var defect = Refused(file).Defect;

        Assert.Contains("above the limit of 100000000", defect, StringComparison.Ordinal);
        Assert.Contains("MaxPixels", Refused(Valid(), new DecodeOptions { MaxPixels = 1000 }).Defect, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_strip_offsets() =>
        Assert.Contains("no StripOffsets", Refused(new HandBuiltTiff().Long(256, 4).Long(257, 4).Short(258, 8).Build()).Defect, StringComparison.Ordinal);

    [Fact]
    public void Big_tiff_is_refused_by_name() =>
        Assert.Contains("BigTIFF", Refused([.. "II+\0"u8, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]).Defect, StringComparison.Ordinal);
}
