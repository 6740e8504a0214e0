using ColonyQc.Training.Network;
using Xunit;

namespace ColonyQc.Training.Tests.Network;

public sealed class ColonyNetConfigTests
{
    [Fact]
    public void Architecture_round_trips_through_the_manifest_fields()
    {
        var config = new ColonyNetConfig { Width = 24, BlocksPerStage = 2, StemKernel = 5, StemStride = 2, Dropout = 0.3, ClassCount = 4, InstanceNormEpsilon = 1e-5, WindowSize = 160, WindowStride = 120, UmPerPixel = 1.6 };

        var read = ColonyNetConfig.FromArchitecture(config.Architecture, 160, 120, 1.6);

        Assert.Equal(config, read);
        Assert.StartsWith("ColonyNet-v1;", config.Architecture, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_is_the_documented_choice()
    {
        var d = ColonyNetConfig.Default;

        Assert.Equal(128, d.WindowSize);
        Assert.Equal(96, d.WindowStride);
        Assert.Equal(2.0, d.UmPerPixel);
        Assert.Equal(3, d.Stages);
        Assert.Equal(3, d.ClassCount);
        Assert.Same(d, d.Validate());
    }

    [Fact]
    public void A_version_1_architecture_without_stages_has_three()
    {
        const string V1 = "ColonyNet-v1;width=16;blocks=1;stemKernel=7;stemStride=4;dropout=0.2;eps=0.0001;classes=3";
        var read = ColonyNetConfig.FromArchitecture(V1, 128, 96, 2.0);
        Assert.Equal(3, read.Stages);
        Assert.Equal(V1, read.Architecture);
        var four = ColonyNetConfig.Default with { WindowSize = 256, WindowStride = 224, Stages = 4 };
        Assert.EndsWith(";stages=4", four.Architecture, StringComparison.Ordinal);
        Assert.Equal(four, ColonyNetConfig.FromArchitecture(four.Architecture, 256, 224, 2.0));
    }

    [Theory]
    [InlineData("ResNet-18;width=16", "is not ColonyNet-v1")]
    [InlineData("ColonyNet-v1;width=16", "has no blocks")]
    [InlineData("ColonyNet-v1;width=16;width=8", "not a unique key=value pair")]
    [InlineData("ColonyNet-v1;width=0;blocks=1;stemKernel=7;stemStride=4;dropout=0.2;eps=0.0001;classes=3", "width 0")]
    [InlineData("ColonyNet-v1;width=x;blocks=1;stemKernel=7;stemStride=4;dropout=0.2;eps=0.0001;classes=3", "")]
    public void FromArchitecture_refuses_what_it_cannot_build(string architecture, string message)
    {
        var ex = Assert.Throws<FormatException>(() => ColonyNetConfig.FromArchitecture(architecture, 128, 96, 2.0));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_refuses_a_window_too_small_for_the_downsampling()
    {
        var ex = Assert.Throws<ArgumentException>(() => (ColonyNetConfig.Default with { WindowSize = 16, WindowStride = 16 }).Validate());
        Assert.Contains("too small", ex.Message, StringComparison.Ordinal);
    }
}
