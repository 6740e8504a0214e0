using ColonyQc.Inference.Model;
using ColonyQc.Inference.Scoring;

namespace ColonyQc.Inference.Quality;

/// <summary>
/// Decides the review reasons of a scored image from its quality measures, the model's calibrated
/// limits and review threshold, and where its scale came from. Reasons come in a fixed order
/// (confidence, focus, over-, under-exposure, empty field, scale) so reports are stable.
/// </summary>
public static class QualityGate
{
    /// <summary>Every reason <paramref name="measures"/> and <paramref name="confidence"/> give for review (empty when none).</summary>
    public static IReadOnlyList<string> Reasons(QualityMeasures measures, QualityGateLimits limits, double confidence, double reviewThreshold, ScaleSource scaleSource)
    {
        ArgumentNullException.ThrowIfNull(measures);
        ArgumentNullException.ThrowIfNull(limits);
        var reasons = new List<string>(2);
        if (confidence < reviewThreshold)
        {
            reasons.Add(ReviewReason.LowConfidence);
        }

        if (measures.Focus < limits.MinFocus)
        {
            reasons.Add(ReviewReason.OutOfFocus);
        }

        if (measures.OverExposedFraction > limits.MaxOverExposedFraction)
        {
            reasons.Add(ReviewReason.OverExposed);
        }

        if (measures.UnderExposedFraction > limits.MaxUnderExposedFraction)
        {
            reasons.Add(ReviewReason.UnderExposed);
        }

        if (measures.VotingFraction < limits.MinVotingFraction)
        {
            reasons.Add(ReviewReason.EmptyField);
        }

        if (scaleSource == ScaleSource.Assumed)
        {
            reasons.Add(ReviewReason.ScaleAssumed);
        }

        return reasons;
    }

    /// <summary>The fraction of windows whose texture reaches <see cref="QualityGateLimits.MinWindowTexture"/>; those windows vote.</summary>
    public static double VotingFraction(ReadOnlySpan<double> windowTextures, QualityGateLimits limits, Span<bool> voting)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var count = 0;
        for (var i = 0; i < windowTextures.Length; i++)
        {
            voting[i] = windowTextures[i] >= limits.MinWindowTexture;
            count += voting[i] ? 1 : 0;
        }

        return windowTextures.IsEmpty ? 0 : (double)count / windowTextures.Length;
    }
}
