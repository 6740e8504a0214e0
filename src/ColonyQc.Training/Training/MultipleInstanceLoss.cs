using ColonyQc.Inference.Scoring;
using static TorchSharp.torch;

namespace ColonyQc.Training.Training;

/// <summary>
/// The image-level loss of multiple-instance learning: each image's prediction is the aggregate of
/// its windows' probabilities by the model's own worst-colony rule (<see cref="WindowAggregator"/>,
/// the code scoring runs), and the loss is the label-smoothed negative log-likelihood of the image's
/// label under that aggregate. A field whose only abnormal colony sits among good ones is then
/// learned as abnormal through that one window, while its good windows are free to stay good.
/// </summary>
/// <remarks>
/// The aggregation runs on the CPU in double precision on a copy of the window probabilities (a few
/// hundred numbers per step), so there is one implementation of it; its analytic gradient
/// (<see cref="WindowAggregator.Backward"/>) is handed back to autograd through a surrogate
/// <c>sum(p * g)</c> whose gradient with respect to the probabilities p is exactly g.
/// </remarks>
internal static class MultipleInstanceLoss
{
    // Image probabilities are floored here: log(0) would be infinite, and the gradient 1/p must stay bounded.
    private const double Floor = 1e-4;

    /// <summary>One image's windows within the step's batch.</summary>
    /// <param name="Start">Index of its first window row in the batch.</param>
    /// <param name="Count">Number of its windows.</param>
    /// <param name="Voting">Per window: true when it votes.</param>
    /// <param name="Label">The image's class index.</param>
    /// <param name="Weight">The image's weight in the mean loss (1: all images count alike; class balancing gives rarer classes more).</param>
    public readonly record struct Image(int Start, int Count, bool[] Voting, int Label, double Weight = 1);

    /// <summary>
    /// The surrogate tensor to add to the step's loss (its gradient is the mean image loss's) and the
    /// mean image loss itself, for <paramref name="logits"/> (N x C windows of the step).
    /// </summary>
    public static (Tensor Surrogate, double Loss) Compute(Tensor logits, IReadOnlyList<Image> images, WindowAggregator aggregator, double smoothing)
    {
        var classes = aggregator.ClassCount;
        var probabilities = nn.functional.softmax(logits, 1);
        using var copy = probabilities.detach().cpu().contiguous();
        var p = copy.data<float>().ToArray();
        var gradient = new float[p.Length];
        var imageP = new float[classes];
        var imageGradient = new double[classes];
        double total = 0;
        var weights = images.Sum(i => i.Weight);
        foreach (var image in images)
        {
            var windows = p.AsSpan(image.Start * classes, image.Count * classes);
            aggregator.Aggregate(windows, image.Voting, imageP);
            for (var c = 0; c < classes; c++)
            {
                var target = (c == image.Label ? 1 - smoothing : 0) + (smoothing / classes);
                var q = Math.Max(imageP[c], Floor);
                total -= image.Weight * target * Math.Log(q);
                imageGradient[c] = -image.Weight * target / q / weights;
            }

            var windowGradient = new double[windows.Length];
            aggregator.Backward(windows, image.Voting, imageGradient, windowGradient);
            for (var i = 0; i < windowGradient.Length; i++)
            {
                gradient[(image.Start * classes) + i] = (float)windowGradient[i];
            }
        }

        using var g = tensor(gradient, [p.Length / classes, classes]);
        var surrogate = (probabilities * g).sum();
        return (surrogate, total / Math.Max(1e-12, weights));
    }
}
