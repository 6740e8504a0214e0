using ColonyQc.Inference.Naming;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace ColonyQc.Inference.Tests.Naming;

public sealed class EvosFileNameTests
{
    [Fact]
    public void Parses_the_documented_example()
    {
        Assert.True(EvosFileName.TryParse("scan_R_p00_z00_0_B03f01d0.tif", out var name));
        Assert.Equal(new EvosFileName("scan", 'R', 0, 0, 0, "B03", 1, 0), name);
        Assert.Equal("scan", name!.Plate);
        Assert.True(name.IsRaw);
    }

    [Fact]
    public void Parses_three_digit_fields_and_keeps_their_width()
    {
        Assert.True(EvosFileName.TryParse("plate7_D_p03_z02_1_H12f123d2.tif", out var name));
        Assert.Equal('D', name!.Kind);
        Assert.Equal(3, name.Time);
        Assert.Equal(2, name.ZSlice);
        Assert.Equal(1, name.Grid);
        Assert.Equal("H12", name.Well);
        Assert.Equal(123, name.Field);
        Assert.Equal(2, name.Channel);
        Assert.False(name.IsRaw);

        Assert.True(EvosFileName.TryParse("s_M_p00_z00_0_A01f007d0.tif", out var padded));
        Assert.Equal(7, padded!.Field);
        Assert.Equal("s_M_p00_z00_0_A01f007d0.tif", padded.Format());
    }

    [Fact]
    public void Takes_the_last_path_segment_and_keeps_underscores_in_the_prefix()
    {
        Assert.True(EvosFileName.TryParse("/data/run 2/my_plate_2_R_p01_z00_0_C05f02d0.TIF", out var name));
        Assert.Equal("my_plate_2", name!.Prefix);
        Assert.Equal("C05", name.Well);
        Assert.Equal(".TIF", name.Extension);
        Assert.Equal("my_plate_2_R_p01_z00_0_C05f02d0.TIF", name.Format());
    }

    [Theory]
    [InlineData("")]
    [InlineData("scan.tif")]
    [InlineData("Name_0001_TRANS.tif")]
    [InlineData("scan_X_p00_z00_0_B03f01d0.tif")] // unknown kind
    [InlineData("scan_R_p00_z00_0_B03f1d0.tif")] // one-digit field
    [InlineData("scan_R_p00_z00_0_B03f1234d0.tif")] // four-digit field
    [InlineData("scan_R_p00_z00_0_B03f01.tif")] // no channel
    [InlineData("_R_p00_z00_0_B03f01d0.tif")] // no prefix
    [InlineData("scan_R_p00_z00_0_B03f01d0.txt")]
    [InlineData("scan_R_p00_z00_0_B03f01d0")]
    public void Rejects_other_names(string fileName)
    {
        Assert.False(EvosFileName.TryParse(fileName, out var name));
        Assert.Null(name);
    }

    [Property(MaxTest = 300)]
    public Property Format_then_parse_gives_the_same_name() =>
        Prop.ForAll(Names.ToArbitrary(), name =>
            EvosFileName.TryParse(name.Format(), out var parsed) && parsed == name);

    [Property(MaxTest = 300)]
    public Property Parse_then_format_gives_the_same_text() =>
        Prop.ForAll(Names.ToArbitrary(), name =>
        {
            var text = name.Format();
            return EvosFileName.TryParse("/some/folder/" + text, out var parsed) && parsed!.Format() == text;
        });

    private static readonly Gen<string> Prefixes =
        Gen.Elements("scan", "plate_01", "iPSC line 3", "a", "run_2_R", "exp-2026.12.02");

    private static readonly Gen<string> Wells =
        from row in Gen.Elements("A", "B", "H", "P", "AF")
        from column in Gen.Choose(1, 48)
        select row + column.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly Gen<EvosFileName> Names =
        from prefix in Prefixes
        from kind in Gen.Elements('R', 'D', 'M')
        from time in Gen.Choose(0, 99)
        from z in Gen.Choose(0, 99)
        from grid in Gen.Choose(0, 9)
        from well in Wells
        from digits in Gen.Elements(2, 3)
        from field in Gen.Choose(0, digits == 2 ? 99 : 999)
        from channel in Gen.Choose(0, 4)
        from extension in Gen.Elements(".tif", ".tiff", ".png", ".TIF")
        select new EvosFileName(prefix, kind, time, z, grid, well, field, channel) { FieldDigits = digits, Extension = extension };
}
