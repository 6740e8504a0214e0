using ColonyQc.Inference.Preprocessing;
using ColonyQc.Inference.Scoring;
using Xunit;

namespace ColonyQc.Inference.Tests.Preprocessing;

public sealed class ScaleResolverTests
{
    [Theory]
    [InlineData("4x", 0.8625)]
    [InlineData("10x", 0.345)]
    [InlineData("20X", 0.1725)]
    [InlineData(" 40x ", 0.08625)]
    [InlineData("10", 0.345)]
    [InlineData("2.5x", 1.38)]
    public void Objective_gives_the_camera_pixel_over_the_magnification(string objective, double expected)
    {
        Assert.Equal(expected, ScaleResolver.ObjectiveUmPerPixel(objective), 1e-12);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("ten")]
    [InlineData("-4x")]
    [InlineData("0x")]
    public void Objective_that_is_not_a_magnification_is_refused(string objective)
    {
        var error = Assert.Throws<ArgumentException>(() => ScaleResolver.ObjectiveUmPerPixel(objective));
        Assert.Contains(objective, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Option_beats_objective_beats_file_beats_assumed()
    {
        Assert.Equal((0.5, ScaleSource.Option), ScaleResolver.Resolve(0.5, "10x", 1.0, 0.8625));
        var (objectiveUm, objectiveSource) = ScaleResolver.Resolve(null, "10x", 1.0, 0.8625);
        Assert.Equal(0.345, objectiveUm, 1e-12);
        Assert.Equal(ScaleSource.Objective, objectiveSource);
        Assert.Equal((1.0, ScaleSource.FileTags), ScaleResolver.Resolve(null, null, 1.0, 0.8625));
        Assert.Equal((0.8625, ScaleSource.Assumed), ScaleResolver.Resolve(null, "  ", null, 0.8625));
    }

    [Theory]
    [InlineData(352.7777)]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    public void Implausible_file_tags_are_not_believed(double fileUm)
    {
        Assert.Equal((0.8625, ScaleSource.Assumed), ScaleResolver.Resolve(null, null, fileUm, 0.8625));
    }

    [Fact]
    public void Non_positive_option_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ScaleResolver.Resolve(-1, null, null, 0.8625));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScaleResolver.Resolve(null, null, null, 0));
    }
}
