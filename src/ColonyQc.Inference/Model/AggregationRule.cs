namespace ColonyQc.Inference.Model;

/// <summary>
/// How an image's class probabilities are made from its voting windows' probabilities. Written in
/// the manifest by name (<see cref="ImageAggregation.Rule"/>); scoring and training both run it
/// through <see cref="Scoring.WindowAggregator"/>, so the loss is taken on what the scorer reports.
/// </summary>
public enum AggregationRule
{
    /// <summary>
    /// The rule of manifest versions 1 and 2 (three classes named good, differentiating, abnormal):
    /// P(abnormal) is the largest abnormal probability of any window; of the rest, the differentiating
    /// share is the largest d / (d + g) of any window. Scoring only: it has no gradient.
    /// </summary>
    WorstWindowHierarchy = 0,

    /// <summary>
    /// The worst-colony rule as an ordered noisy-OR: for each severity level s, the chance that at
    /// least one window is at least that severe is <c>1 - prod_w (1 - q_w(s))</c>, where q_w(s) is the
    /// window's probability of a class of severity s or worse. Sensitive to the window count: many
    /// slightly suspicious windows add up.
    /// </summary>
    OrderedNoisyOr = 1,

    /// <summary>
    /// The worst-colony rule as an ordered soft maximum: for each severity level s,
    /// <c>min(1, (sum_w q_w(s)^r)^(1/r))</c> with r = <see cref="ImageAggregation.Exponent"/>. One
    /// window that is surely abnormal makes the image abnormal, as with the maximum; many windows that
    /// are each a little suspicious add up only by a factor of n^(1/r) (1.6 for 40 windows at r = 8),
    /// so a field's verdict depends little on how many windows it has.
    /// </summary>
    OrderedPNorm = 2,

    /// <summary>The mean of the voting windows' probabilities: for class sets without a severity order.</summary>
    Mean = 3,
}
