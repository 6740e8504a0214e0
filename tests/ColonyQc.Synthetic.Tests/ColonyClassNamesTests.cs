using Xunit;

namespace ColonyQc.Synthetic.Tests;

public sealed class ColonyClassNamesTests
{
    [Fact]
    public void Names_follow_the_project_class_order()
    {
        Assert.Equal(["good", "differentiating", "abnormal"], ColonyClassNames.All);
        Assert.Equal("differentiating", ColonyClass.Differentiating.Name());
        Assert.Equal(ColonyClass.Abnormal, ColonyClassNames.Parse(" Abnormal "));
    }

    [Fact]
    public void Unknown_names_are_refused_with_the_valid_ones_listed()
    {
        var e = Assert.Throws<FormatException>(() => ColonyClassNames.Parse("bad"));
        Assert.Contains("good, differentiating, abnormal", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ((ColonyClass)9).Name());
    }
}
