using ColonyQc.Inference.Preprocessing;
using ColonyQc.Training.Augmentation;
using ColonyQc.Training.Data;

namespace ColonyQc.Training.Training;

/// <summary>
/// The windows ("instances") of one training image for one optimisation step, as the multiple-instance
/// loss needs them: the scoring layout's grid shifted by a random offset of up to half a stride (so
/// colonies are seen at every position of a window over the epochs), each window augmented on its
/// own, with the voting flag scoring would give it (texture of the unaugmented window) and, where
/// colony annotations exist, its window label. An image with more windows than the cap contributes a
/// random subset, always keeping the windows a colony annotation labels as the image's class.
/// </summary>
internal static class ImageInstances
{
    /// <summary>One image's windows of a step.</summary>
    /// <param name="Count">Windows written.</param>
    /// <param name="Voting">Per window: true when its texture lets it vote.</param>
    /// <param name="Labels">Per window: its annotation label, or <see cref="WindowLabeler.Ignore"/>.</param>
    public sealed record Result(int Count, bool[] Voting, int[] Labels);

    /// <summary>
    /// Writes up to <paramref name="maxWindows"/> windows of <paramref name="image"/> into
    /// <paramref name="output"/> (window-major, size*size each).
    /// </summary>
    public static Result Write(
        CanonicalImage image,
        int size,
        int stride,
        int maxWindows,
        AugmentationOptions augmentation,
        double minWindowTexture,
        WindowLabeler? labeler,
        Random random,
        Span<float> output)
    {
        var layout = WindowLayout.For(image.Width, image.Height, size, stride);
        var shiftX = image.Width > size ? (random.NextDouble() - 0.5) * stride : 0;
        var shiftY = image.Height > size ? (random.NextDouble() - 0.5) * stride : 0;
        var origins = new List<(double X, double Y, bool Voting, int Label)>(layout.Count);
        for (var w = 0; w < layout.Count; w++)
        {
            var (x0, y0) = layout.Origin(w);
            var x = Math.Clamp(x0 + shiftX, 0, Math.Max(0, image.Width - size));
            var y = Math.Clamp(y0 + shiftY, 0, Math.Max(0, image.Height - size));
            var texture = WindowTexture.Measure(image.Pixels, image.Width, (int)x, (int)y, size);
            origins.Add((x, y, texture >= minWindowTexture, labeler?.Label(image, x, y, size) ?? WindowLabeler.Ignore));
        }

        if (origins.Count > maxWindows)
        {
            // Keep the windows that show the image's own class (they explain its label), then fill at random.
            var keep = origins.Where(o => o.Label == image.Label).OrderBy(_ => random.Next()).Take(maxWindows).ToList();
            keep.AddRange(origins.Where(o => o.Label != image.Label).OrderBy(_ => random.Next()).Take(maxWindows - keep.Count));
            origins = keep;
        }

        var window = size * size;
        var voting = new bool[origins.Count];
        var labels = new int[origins.Count];
        for (var w = 0; w < origins.Count; w++)
        {
            var (x, y, vote, label) = origins[w];
            WindowAugmenter.Extract(image.Pixels, image.Width, image.Height, x, y, size, augmentation, new Random(random.Next()), output.Slice(w * window, window));
            voting[w] = vote;
            labels[w] = label;
        }

        return new Result(origins.Count, voting, labels);
    }
}
