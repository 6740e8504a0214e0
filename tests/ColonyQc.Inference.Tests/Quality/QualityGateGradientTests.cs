using ColonyQc.Inference.Model;
using ColonyQc.Inference.Preprocessing;
using ColonyQc.Inference.Quality;
using ColonyQc.Inference.Scoring;
using Xunit;

namespace ColonyQc.Inference.Tests.Quality;

/// <summary>
/// Uneven illumination must not look like colony texture, and a small colony on it must still
/// count: the cases where the plain window standard deviation (manifest version 1) fails both ways.
/// </summary>
public sealed class QualityGateGradientTests
{
    // The manifest default voting fraction (2%), with a texture limit between background and colony.
    private static QualityGateLimits Limits(TextureMeasure measure) => new()
    {
        MinFocus = 0,
        MinWindowTexture = 0.02,
        MinVotingFraction = 0.02,
        TextureMeasure = measure,
    };

    private static (double[] Textures, IReadOnlyList<string> Reasons) Measure(double[] values, TextureMeasure measure)
    {
        using var image = QualityTestImages.ToImage(values);
        using var plane = CanonicalResampler.Resample(image, 1.0, 2.0);
        var layout = WindowLayout.For(plane.Width, plane.Height, 32, 24);
        var textures = new double[layout.Count];
        for (var i = 0; i < layout.Count; i++)
        {
            var (x, y) = layout.Origin(i);
            textures[i] = WindowTexture.Measure(plane.Pixels, plane.Width, x, y, 32, measure);
        }

        var limits = Limits(measure);
        var voting = QualityGate.VotingFraction(textures, limits, new bool[layout.Count]);
        var measures = new QualityMeasures(FocusMeter.VarianceOfLaplacian(plane), 0, 0, voting);
        return (textures, QualityGate.Reasons(measures, limits, confidence: 0.99, reviewThreshold: 0.6, ScaleSource.Option));
    }

    [Fact]
    public void Vignetted_gradient_background_is_an_empty_field()
    {
        var (textures, reasons) = Measure(QualityTestImages.GradientEmpty(seed: 21), TextureMeasure.QuadraticDetrendedStd);

        Assert.Equal([ReviewReason.EmptyField], reasons);
        Assert.True(textures.Max() < 0.01, $"detrended background texture up to {textures.Max():G3}");
    }

    [Fact]
    public void Plain_std_takes_the_same_gradient_for_texture()
    {
        // The defect the detrended measure fixes: every window of the empty field "votes" by plain std.
        var (textures, reasons) = Measure(QualityTestImages.GradientEmpty(seed: 21), TextureMeasure.Std);

        Assert.DoesNotContain(ReviewReason.EmptyField, reasons);
        Assert.True(textures.Count(t => t >= 0.02) >= textures.Length * 3 / 4, $"plain std of the gradient: {string.Join(", ", textures.Select(t => t.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))}");
    }

    [Fact]
    public void Sparse_small_colony_on_a_gradient_is_not_an_empty_field()
    {
        var (textures, reasons) = Measure(QualityTestImages.SparseColonyOnGradient(seed: 22), TextureMeasure.QuadraticDetrendedStd);

        Assert.DoesNotContain(ReviewReason.EmptyField, reasons);

        // Only the windows over the colony vote: the background around it still does not.
        var voting = textures.Count(t => t >= 0.02);
        Assert.InRange(voting, 1, 4);
    }

    [Fact]
    public void No_plain_std_limit_separates_the_colony_from_the_light_but_the_detrended_one_does()
    {
        // As in the sparse sample JPEGs: by plain std the colony's best window measures below the
        // empty field's brightest background window, so any limit that keeps the colony keeps that
        // background too; detrended, the colony window stands far above all background.
        var (plainColony, _) = Measure(QualityTestImages.SparseColonyOnGradient(seed: 22), TextureMeasure.Std);
        var (plainEmpty, _) = Measure(QualityTestImages.GradientEmpty(seed: 22), TextureMeasure.Std);
        var (colony, _) = Measure(QualityTestImages.SparseColonyOnGradient(seed: 22), TextureMeasure.QuadraticDetrendedStd);
        var (empty, _) = Measure(QualityTestImages.GradientEmpty(seed: 22), TextureMeasure.QuadraticDetrendedStd);
        var colonyWindow = Array.IndexOf(colony, colony.Max());

        Assert.True(plainColony[colonyWindow] < plainEmpty.Max(), $"plain: colony {plainColony[colonyWindow]:G3}, brightest background {plainEmpty.Max():G3}");
        Assert.True(colony[colonyWindow] > 3 * empty.Max(), $"detrended: colony {colony[colonyWindow]:G3}, background up to {empty.Max():G3}");
    }
}
