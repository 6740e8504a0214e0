using System.Buffers.Binary;
using ColonyQc.Synthetic.Preview;
using Xunit;

namespace ColonyQc.Synthetic.Tests.Preview;

public sealed class ContactSheetTests
{
    [Fact]
    public void Sheet_is_a_grey_png_with_one_row_per_class_and_is_deterministic()
    {
        var options = new ContactSheetOptions { FieldsPerClass = 1, FieldWidth = 256, FieldHeight = 192, TileWidth = 64 };
        var png = ContactSheet.RenderPng(options);
        Assert.Equal(png, ContactSheet.RenderPng(options));
        Assert.True(png.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']));
        var width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16));
        var height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20));
        Assert.Equal(8 + (2 * 64) + 8 + 16, width);
        Assert.True(height > 3 * 48, $"height {height}");
    }

    [Theory]
    [InlineData(0, 64)]
    [InlineData(9, 64)]
    [InlineData(1, 32)]
    [InlineData(1, 512)]
    public void Bad_options_are_refused(int fields, int tile)
    {
        Assert.Throws<ArgumentException>(() => ContactSheet.RenderPng(new ContactSheetOptions { FieldsPerClass = fields, FieldWidth = 256, FieldHeight = 192, TileWidth = tile }));
    }
}
