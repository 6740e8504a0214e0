using ColonyQc.Training.Calibration;
using Xunit;

namespace ColonyQc.Training.Tests.Calibration;

public class CalibrationErrorTests
{
    [Fact]
    public void A_perfectly_calibrated_set_has_ece_near_zero()
    {
        // Outcomes drawn with probability equal to the stated confidence.
        var random = new Random(3);
        var confidences = new List<double>();
        var correct = new List<bool>();
        for (var i = 0; i < 60000; i++)
        {
            var c = 0.34 + (0.66 * random.NextDouble());
            confidences.Add(c);
            correct.Add(random.NextDouble() < c);
        }

        Assert.InRange(CalibrationError.Expected(confidences, correct), 0, 0.01);
    }

    [Fact]
    public void An_overconfident_set_has_the_gap_as_ece()
    {
        // Every prediction claims 0.9 and 60% are right: ECE = |0.6 - 0.9| = 0.3.
        var confidences = Enumerable.Repeat(0.9, 10).ToList();
        var correct = Enumerable.Range(0, 10).Select(i => i < 6).ToList();
        Assert.Equal(0.3, CalibrationError.Expected(confidences, correct), 10);
    }

    [Fact]
    public void Bins_are_equal_width_and_take_the_upper_edge()
    {
        var bins = CalibrationError.Bins([1.0 / 15, 0.5, 1.0, 0.0], [true, false, true, true]);
        Assert.Equal(15, bins.Count);
        Assert.Equal(2, bins[0].Count); // 0 and exactly 1/15
        Assert.Equal(1, bins[7].Count); // 0.5 is in (7/15, 8/15]
        Assert.Equal(1, bins[14].Count);
        Assert.Equal(0.0, bins[7].Accuracy);
    }
}
