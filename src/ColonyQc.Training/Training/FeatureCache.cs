using ColonyQc.Inference.Preprocessing;
using ColonyQc.Training.Augmentation;
using ColonyQc.Training.Data;

namespace ColonyQc.Training.Training;

/// <summary>
/// The frozen backbone's pooled window features of every image, computed once: view 0 is the image as
/// scoring sees it (its window layout, no augmentation), views 1.. are augmented (random grid shift,
/// flips, rotations, scale, photometry), so a head can be trained for many epochs on a few labelled
/// images in seconds, and cross-fitted without running the backbone again.
/// </summary>
internal sealed class FeatureCache
{
    private FeatureCache(int featureChannels, IReadOnlyList<View[]> views)
    {
        FeatureChannels = featureChannels;
        Views = views;
    }

    /// <summary>Length of one window's feature vector.</summary>
    public int FeatureChannels { get; }

    /// <summary>Per image, its views.</summary>
    public IReadOnlyList<View[]> Views { get; }

    /// <summary>Features of the windows of <paramref name="images"/>: <paramref name="views"/> views each (the first unaugmented).</summary>
    public static FeatureCache Build(
        IWindowFeatures backbone,
        int windowSize,
        int windowStride,
        IReadOnlyList<CanonicalImage> images,
        int views,
        AugmentationOptions augmentation,
        double minWindowTexture,
        int maxWindows,
        int seed,
        CancellationToken cancellationToken)
    {
        var size = windowSize;
        var window = size * size;
        var result = new View[images.Count][];
        {
            for (var i = 0; i < images.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var image = images[i];
                result[i] = new View[views];
                var random = new Random(StableSeed.Mix(seed, i, 0x51ED));
                for (var v = 0; v < views; v++)
                {
                    float[] pixels;
                    bool[] voting;
                    if (v == 0)
                    {
                        var layout = WindowLayout.For(image.Width, image.Height, size, windowStride);
                        pixels = new float[layout.Count * window];
                        voting = new bool[layout.Count];
                        for (var w = 0; w < layout.Count; w++)
                        {
                            var (x, y) = layout.Origin(w);
                            voting[w] = WindowTexture.Measure(image.Pixels, image.Width, x, y, size) >= minWindowTexture;
                            WindowAugmenter.Copy(image.Pixels, image.Width, image.Height, x, y, size, pixels.AsSpan(w * window, window));
                        }
                    }
                    else
                    {
                        var buffer = new float[maxWindows * window];
                        var part = ImageInstances.Write(image, size, windowStride, maxWindows, augmentation, minWindowTexture, null, random, buffer);
                        pixels = buffer.AsSpan(0, part.Count * window).ToArray();
                        voting = part.Voting;
                    }

                    result[i][v] = new View(backbone.Compute(pixels, voting.Length, size), voting);
                }
            }
        }

        return new FeatureCache(backbone.FeatureChannels, result);
    }

    /// <summary>One view of an image: window-major features and the windows' voting flags.</summary>
    /// <param name="Features">Windows x <see cref="FeatureChannels"/> values.</param>
    /// <param name="Voting">Per window: true when it votes.</param>
    public sealed record View(float[] Features, bool[] Voting)
    {
        /// <summary>Windows in this view.</summary>
        public int Windows => Voting.Length;
    }
}
