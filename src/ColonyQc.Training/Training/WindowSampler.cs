using ColonyQc.Inference.Preprocessing;
using ColonyQc.Training.Data;

namespace ColonyQc.Training.Training;

/// <summary>
/// Draws each epoch's training windows, class-balanced: every draw picks a class uniformly among
/// those present, then an image of that class, then a place. With colony annotations most draws
/// centre on a colony (so small colonies are seen) and the rest fall anywhere (so background and
/// field edges are seen); without annotations only windows with enough texture to vote are drawn.
/// The plan depends only on the seed and the epoch, so a resumed run draws the same windows.
/// </summary>
public sealed class WindowSampler
{
    private const double ColonyCentredShare = 0.65;
    private const int MaxAttempts = 8;

    private readonly IReadOnlyList<CanonicalImage> _images;
    private readonly int[][] _imagesByClass;
    private readonly WindowLabeler _labeler;
    private readonly int _windowSize;
    private readonly double _minWindowTexture;

    /// <summary>Creates a sampler over the training part.</summary>
    public WindowSampler(IReadOnlyList<CanonicalImage> images, IReadOnlyList<string> classNames, int windowSize, double minWindowTexture)
    {
        _images = images;
        _windowSize = windowSize;
        _minWindowTexture = minWindowTexture;
        _labeler = new WindowLabeler(classNames);
        _imagesByClass = Enumerable.Range(0, classNames.Count)
            .Select(c => Enumerable.Range(0, images.Count).Where(i => images[i].Label == c).ToArray())
            .Where(list => list.Length > 0)
            .ToArray();
    }

    /// <summary>The windows of epoch <paramref name="epoch"/> (0-based), <paramref name="count"/> of them.</summary>
    public IReadOnlyList<TrainingSample> Plan(int epoch, int count, int seed)
    {
        var random = new Random(HashCode.Combine(seed, epoch, 0x5A3F));
        var plan = new TrainingSample[count];
        for (var s = 0; s < count; s++)
        {
            var byClass = _imagesByClass[random.Next(_imagesByClass.Length)];
            var index = byClass[random.Next(byClass.Length)];
            plan[s] = Draw(index, random);
        }

        return plan;
    }

    private TrainingSample Draw(int index, Random random)
    {
        var image = _images[index];
        var maxX = Math.Max(0, image.Width - _windowSize);
        var maxY = Math.Max(0, image.Height - _windowSize);
        var label = WindowLabeler.Ignore;
        double x = 0, y = 0;
        for (var attempt = 0; attempt < MaxAttempts && label == WindowLabeler.Ignore; attempt++)
        {
            if (image.Colonies is { Count: > 0 } colonies && random.NextDouble() < ColonyCentredShare)
            {
                var colony = colonies[random.Next(colonies.Count)];
                var cx = colony.X + (colony.Width * random.NextDouble());
                var cy = colony.Y + (colony.Height * random.NextDouble());
                x = Math.Clamp(cx - (_windowSize / 2.0), 0, maxX);
                y = Math.Clamp(cy - (_windowSize / 2.0), 0, maxY);
            }
            else
            {
                x = maxX * random.NextDouble();
                y = maxY * random.NextDouble();
            }

            if (image.Colonies is null)
            {
                // Without annotations only windows that would vote in scoring carry the image label.
                var texture = WindowTexture.Measure(image.Pixels, image.Width, (int)x, (int)y, _windowSize);
                label = texture >= _minWindowTexture ? image.Label : WindowLabeler.Ignore;
            }
            else
            {
                label = _labeler.Label(image, x, y, _windowSize);
            }
        }

        return new TrainingSample(index, x, y, label, random.Next());
    }
}
