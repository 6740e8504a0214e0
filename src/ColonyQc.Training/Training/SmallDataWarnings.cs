using ColonyQc.Training.Calibration;

namespace ColonyQc.Training.Training;

/// <summary>
/// What a lab must hear about its data before trusting a model trained on it: a validation too small to
/// choose epochs, temperature and threshold on; a class that validation never saw; a review threshold of
/// 1, which sends every image to review. Written to the console and to the run folder's warnings.txt.
/// </summary>
internal static class SmallDataWarnings
{
    /// <summary>Fewer held-out images than this, or fewer than <see cref="MinPerClass"/> of a class, is too little to validate on alone.</summary>
    public const int MinValidationImages = 30;

    /// <summary>See <see cref="MinValidationImages"/>.</summary>
    public const int MinPerClass = 5;

    public static List<string> For(IReadOnlyList<WindowLogitSet> validation, IReadOnlyList<string> classNames, double reviewThreshold, bool crossFitted)
    {
        var warnings = new List<string>();
        var what = crossFitted ? "the cross-fitted images" : "the validation part";
        for (var c = 0; c < classNames.Count; c++)
        {
            var n = validation.Count(v => v.Label == c);
            if (n == 0)
            {
                warnings.Add($"class {classNames[c]} is missing from {what}: nothing checked how well it is recognised, and the temperature and review threshold ignore it");
            }
            else if (n < MinPerClass && !crossFitted)
            {
                warnings.Add($"only {n} images of class {classNames[c]} in the validation part (fewer than {MinPerClass}): early stopping, temperature and review threshold rest on a handful of images; fine-tune with the default --fine-tune head, which cross-fits over all images");
            }
        }

        if (!crossFitted && validation.Count < MinValidationImages)
        {
            warnings.Add($"the validation part has {validation.Count} images (fewer than {MinValidationImages}): its figures are rough; the default head fine-tuning cross-fits over all labelled images instead");
        }

        if (reviewThreshold >= 1)
        {
            warnings.Add($"the review threshold is 1: no confidence level met the target error on {what}, so every image will be sent to review; label more images or raise --review-error");
        }

        return warnings;
    }
}
