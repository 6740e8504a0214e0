using ColonyQc.Inference.Naming;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace ColonyQc.Inference.Tests.Naming;

public sealed class ManualCaptureNameTests
{
    [Fact]
    public void Parses_a_capture_without_channel()
    {
        Assert.True(ManualCaptureName.TryParse("Name_0001.tif", out var name));
        Assert.Equal(new ManualCaptureName("Name", 1, null), name);
        Assert.Equal("Name_0001.tif", name!.Format());
    }

    [Fact]
    public void Parses_a_transmitted_light_capture()
    {
        Assert.True(ManualCaptureName.TryParse("/x/Colony A_0042_TRANS.tif", out var name));
        Assert.Equal("Colony A", name!.Name);
        Assert.Equal(42, name.Index);
        Assert.Equal(ManualCaptureName.TransmittedChannel, name.Channel);
        Assert.Equal("Colony A_0042_TRANS.tif", name.Format());
    }

    [Fact]
    public void A_trailing_number_is_the_index_not_a_channel()
    {
        Assert.True(ManualCaptureName.TryParse("exp_001_0007.tif", out var name));
        Assert.Equal("exp_001", name!.Name);
        Assert.Equal(7, name.Index);
        Assert.Null(name.Channel);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Name.tif")]
    [InlineData("Name_01.tif")]
    [InlineData("Name_0001.txt")]
    [InlineData("scan_R_p00_z00_0_B03f01d0.tif")]
    [InlineData("_0001.tif")]
    public void Rejects_other_names(string fileName)
    {
        Assert.False(ManualCaptureName.TryParse(fileName, out var name));
        Assert.Null(name);
    }

    [Property(MaxTest = 300)]
    public Property Format_then_parse_gives_the_same_name() =>
        Prop.ForAll(Names.ToArbitrary(), name =>
            ManualCaptureName.TryParse(name.Format(), out var parsed) && parsed == name && parsed!.Format() == name.Format());

    private static readonly Gen<ManualCaptureName> Names =
        from baseName in Gen.Elements("Name", "iPSC_line_3", "Colony A", "x", "exp_001")
        from digits in Gen.Elements(4, 5)
        from index in Gen.Choose(0, 9999)
        from channel in Gen.Elements<string?>(null, "TRANS", "GFP", "RFP2")
        from extension in Gen.Elements(".tif", ".png", ".jpg")
        select new ManualCaptureName(baseName, index, channel) { IndexDigits = digits, Extension = extension };
}
