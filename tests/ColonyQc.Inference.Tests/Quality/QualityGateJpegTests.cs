using ColonyQc.Inference.Imaging;
using ColonyQc.Inference.Imaging.Encoding;
using ColonyQc.Inference.Model;
using ColonyQc.Inference.Preprocessing;
using ColonyQc.Inference.Quality;
using ColonyQc.Inference.Scoring;
using Xunit;

namespace ColonyQc.Inference.Tests.Quality;

/// <summary>
/// The empty-field rule on JPEG q85 (the sample images' quality) against a lossless copy of the same
/// generated field. The full-size JPEG samples were once blamed on JPEG smoothing; measured, their
/// five most textured windows match the TIFF/PNG rendering of the same field to 3%, and the lossless
/// copies were flagged just the same. These tests keep the format out of the decision.
/// </summary>
public sealed class QualityGateJpegTests
{
    private static readonly QualityGateLimits Limits = new()
    {
        MinFocus = 6e-5,
        MaxOverExposedFraction = 0.05,
        MaxUnderExposedFraction = 0.05,
        MinWindowTexture = 0.02,
        MinVotingFraction = 0.2,
    };

    private static double[] Textures(byte[] encoded)
    {
        using var image = ImageDecoder.Decode(encoded, "field");
        using var plane = CanonicalResampler.Resample(image, 1.0, 2.0);
        var layout = WindowLayout.For(plane.Width, plane.Height, 32, 24);
        var textures = new double[layout.Count];
        for (var i = 0; i < layout.Count; i++)
        {
            var (x, y) = layout.Origin(i);
            textures[i] = WindowTexture.Measure(plane.Pixels, plane.Width, x, y, 32);
        }

        return textures;
    }

    private static byte[] Jpeg(double[] values) =>
        JpegEncoder.Encode(QualityTestImages.To8Bit(values), QualityTestImages.Width, QualityTestImages.Height, new JpegEncoderOptions { Quality = 85 });

    private static byte[] Png(double[] values) =>
        PngEncoder.Encode(QualityTestImages.To8Bit(values), QualityTestImages.Width, QualityTestImages.Height);

    private static bool IsEmpty(double[] textures) =>
        QualityGate.Reasons(
            new QualityMeasures(Focus: 1, OverExposedFraction: 0, UnderExposedFraction: 0, QualityGate.VotingFraction(textures, Limits, new bool[textures.Length])),
            Limits,
            confidence: 0.99,
            reviewThreshold: 0.6,
            ScaleSource.Option).Contains(ReviewReason.EmptyField);

    [Fact]
    public void Jpeg_q85_colony_field_measures_like_its_lossless_copy_and_is_not_empty()
    {
        var field = QualityTestImages.Textured(seed: 11);

        var jpeg = Textures(Jpeg(field));
        var png = Textures(Png(field));

        // q85 keeps the texture at 2 um/px: every window within 5% of the lossless value (the five
        // most textured windows of the 2048x1536 samples differ by at most 3%), so compression cannot
        // move a field across the voting limit unless it already sits on it.
        for (var i = 0; i < png.Length; i++)
        {
            Assert.InRange(jpeg[i] / png[i], 0.95, 1.05);
        }

        Assert.False(IsEmpty(jpeg));
        Assert.False(IsEmpty(png));
    }

    [Fact]
    public void Jpeg_q85_empty_background_is_still_an_empty_field()
    {
        // Block artefacts add a little texture to flat background; it must stay far under the limit.
        var textures = Textures(Jpeg(QualityTestImages.Empty(seed: 12)));

        Assert.True(textures.Max() < Limits.MinWindowTexture / 2, $"empty JPEG window texture up to {textures.Max():G3}");
        Assert.True(IsEmpty(textures));
    }
}
