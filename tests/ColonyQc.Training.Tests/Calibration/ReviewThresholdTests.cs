using ColonyQc.Training.Calibration;
using Xunit;

namespace ColonyQc.Training.Tests.Calibration;

public class ReviewThresholdTests
{
    [Fact]
    public void Threshold_keeps_the_most_images_within_the_target_error()
    {
        // Sorted by confidence: 10 right, then a wrong one at 0.7, then right, then wrong ones.
        var confidences = new List<double> { 0.99, 0.98, 0.97, 0.96, 0.95, 0.94, 0.93, 0.92, 0.91, 0.90, 0.70, 0.65, 0.60, 0.55 };
        var correct = new List<bool> { true, true, true, true, true, true, true, true, true, true, false, true, false, false };

        // 1 error in 12 images is 8.3% (> 5%), 1 in 11 is 9.1%: only the first 10 meet 5%.
        Assert.Equal(0.90, ReviewThreshold.Choose(confidences, correct, 0.05));

        // At 10% the first 12 (1 error) qualify.
        Assert.Equal(0.65, ReviewThreshold.Choose(confidences, correct, 0.10));
        var (coverage, accuracy) = ReviewThreshold.CoverageAt(confidences, correct, 0.65);
        Assert.Equal(12.0 / 14, coverage, 10);
        Assert.Equal(11.0 / 12, accuracy, 10);
    }

    [Fact]
    public void Ties_are_never_split()
    {
        // Two images at 0.8, one wrong: 50% error at the tie, so the threshold stays above it.
        var confidences = new List<double> { 0.9, 0.8, 0.8 };
        var correct = new List<bool> { true, true, false };
        Assert.Equal(0.9, ReviewThreshold.Choose(confidences, correct, 0.05));
    }

    [Fact]
    public void Nothing_meeting_the_target_sends_everything_to_review()
    {
        Assert.Equal(1.0, ReviewThreshold.Choose([0.9, 0.8], [false, true], 0.05));
    }
}
