using ColonyQc.Inference.Model;
using ColonyQc.Inference.Preprocessing;
using ColonyQc.Inference.Quality;
using ColonyQc.Inference.Scoring;
using Xunit;

namespace ColonyQc.Inference.Tests.Quality;

public sealed class QualityGateTests
{
    // Limits as a trainer would calibrate them for 2 um/px: noise-only windows stay under the
    // texture limit, sharp texture is far above the focus limit and the blurred field far below.
    private static readonly QualityGateLimits Limits = new()
    {
        MinFocus = 6e-5,
        MaxOverExposedFraction = 0.05,
        MaxUnderExposedFraction = 0.05,
        MinWindowTexture = 0.02,
        MinVotingFraction = 0.2,
    };

    private static QualityMeasures MeasureField(double[] values)
    {
        using var image = QualityTestImages.ToImage(values);
        using var plane = CanonicalResampler.Resample(image, 1.0, 2.0);
        var layout = WindowLayout.For(plane.Width, plane.Height, 32, 24);
        var textures = new double[layout.Count];
        for (var i = 0; i < layout.Count; i++)
        {
            var (x, y) = layout.Origin(i);
            textures[i] = WindowTexture.Measure(plane.Pixels, plane.Width, x, y, 32);
        }

        var (over, under) = ExposureMeter.Measure(image);
        var voting = QualityGate.VotingFraction(textures, Limits, new bool[layout.Count]);
        return new QualityMeasures(FocusMeter.VarianceOfLaplacian(plane), over, under, voting);
    }

    private static IReadOnlyList<string> Reasons(double[] values) =>
        QualityGate.Reasons(MeasureField(values), Limits, confidence: 0.99, reviewThreshold: 0.6, ScaleSource.Option);

    [Fact]
    public void Sharp_well_exposed_colony_field_passes()
    {
        Assert.Empty(Reasons(QualityTestImages.Textured(seed: 1)));
    }

    [Fact]
    public void Blurred_field_is_only_out_of_focus()
    {
        Assert.Equal([ReviewReason.OutOfFocus], Reasons(QualityTestImages.Blurred(seed: 2)));
    }

    [Fact]
    public void Saturated_field_is_only_over_exposed()
    {
        Assert.Equal([ReviewReason.OverExposed], Reasons(QualityTestImages.Saturated(seed: 3)));
    }

    [Fact]
    public void Dark_field_is_only_under_exposed()
    {
        Assert.Equal([ReviewReason.UnderExposed], Reasons(QualityTestImages.Dark(seed: 4)));
    }

    [Fact]
    public void Empty_background_is_only_an_empty_field()
    {
        Assert.Equal([ReviewReason.EmptyField], Reasons(QualityTestImages.Empty(seed: 5)));
    }

    [Fact]
    public void Low_confidence_and_assumed_scale_are_reasons_in_fixed_order()
    {
        var measures = MeasureField(QualityTestImages.Textured(seed: 6));

        var reasons = QualityGate.Reasons(measures, Limits, confidence: 0.5, reviewThreshold: 0.6, ScaleSource.Assumed);

        Assert.Equal([ReviewReason.LowConfidence, ReviewReason.ScaleAssumed], reasons);
    }

    [Fact]
    public void Every_reason_at_once_keeps_the_documented_order()
    {
        var measures = new QualityMeasures(Focus: 0, OverExposedFraction: 1, UnderExposedFraction: 1, VotingFraction: 0);

        var reasons = QualityGate.Reasons(measures, Limits, confidence: 0, reviewThreshold: 0.5, ScaleSource.Assumed);

        Assert.Equal(
            [ReviewReason.LowConfidence, ReviewReason.OutOfFocus, ReviewReason.OverExposed, ReviewReason.UnderExposed, ReviewReason.EmptyField, ReviewReason.ScaleAssumed],
            reasons);
    }
}
