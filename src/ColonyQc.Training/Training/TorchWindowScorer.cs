using ColonyQc.Inference.Preprocessing;
using ColonyQc.Training.Augmentation;
using ColonyQc.Training.Calibration;
using ColonyQc.Training.Data;
using ColonyQc.Training.Network;
using static TorchSharp.torch;

namespace ColonyQc.Training.Training;

/// <summary>
/// Per-window logits of whole images from the TorchSharp network, with the same window layout,
/// border reflection and voting rule as scoring: what validation, early stopping and temperature
/// fitting see during training.
/// </summary>
internal static class TorchWindowScorer
{
    private const int MaxBatch = 128;

    /// <summary>Logits and voting flags of every window of every image, in image order.</summary>
    public static List<WindowLogitSet> Score(ColonyNet net, IReadOnlyList<CanonicalImage> images, int windowSize, int stride, double minWindowTexture, CancellationToken cancellationToken)
    {
        var classes = net.Config.ClassCount;
        var results = new List<WindowLogitSet>(images.Count);
        var pending = new List<(int Image, int Window)>();
        var logitsPerImage = new float[images.Count][];
        var votingPerImage = new bool[images.Count][];
        var window = windowSize * windowSize;
        var buffer = new float[MaxBatch * window];

        void Flush()
        {
            if (pending.Count == 0)
            {
                return;
            }

            using var scope = NewDisposeScope();
            using var input = tensor(buffer.AsSpan(0, pending.Count * window).ToArray(), [pending.Count, 1, windowSize, windowSize]);
            using var output = net.call(input);
            var values = output.data<float>().ToArray();
            for (var k = 0; k < pending.Count; k++)
            {
                var (image, w) = pending[k];
                Array.Copy(values, k * classes, logitsPerImage[image], w * classes, classes);
            }

            pending.Clear();
        }

        net.eval();
        using (no_grad())
        {
            for (var i = 0; i < images.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var image = images[i];
                var layout = WindowLayout.For(image.Width, image.Height, windowSize, stride);
                logitsPerImage[i] = new float[layout.Count * classes];
                votingPerImage[i] = new bool[layout.Count];
                for (var w = 0; w < layout.Count; w++)
                {
                    var (x, y) = layout.Origin(w);
                    votingPerImage[i][w] = WindowTexture.Measure(image.Pixels, image.Width, x, y, windowSize) >= minWindowTexture;
                    WindowAugmenter.Copy(image.Pixels, image.Width, image.Height, x, y, windowSize, buffer.AsSpan(pending.Count * window, window));
                    pending.Add((i, w));
                    if (pending.Count == MaxBatch)
                    {
                        Flush();
                    }
                }
            }

            Flush();
        }

        for (var i = 0; i < images.Count; i++)
        {
            results.Add(new WindowLogitSet(logitsPerImage[i], votingPerImage[i], images[i].Label));
        }

        return results;
    }
}
