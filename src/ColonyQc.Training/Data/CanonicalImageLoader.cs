using System.Security.Cryptography;
using ColonyQc.Inference.Imaging;
using ColonyQc.Inference.Preprocessing;

namespace ColonyQc.Training.Data;

/// <summary>
/// Decodes and resamples a <see cref="LabelledImageSet"/> to the canonical scale with exactly the
/// code scoring uses (<see cref="ImageDecoder"/>, <see cref="ScaleResolver"/>,
/// <see cref="CanonicalResampler"/>), so training and inference cannot drift apart. Unreadable images
/// are skipped and reported, never fatal.
/// </summary>
public static class CanonicalImageLoader
{
    /// <summary>The result of loading: usable canonical images in input order, and the skipped ones with reasons.</summary>
    /// <param name="Images">Decoded images, in the order of the set.</param>
    /// <param name="Skipped">Images that failed to decode, with the decoder's message.</param>
    /// <param name="Bytes">Memory held by the canonical planes.</param>
    public sealed record Result(IReadOnlyList<CanonicalImage> Images, IReadOnlyList<SkippedImage> Skipped, long Bytes)
    {
        /// <summary>
        /// The images split by group (<see cref="GroupedSplitter"/>) into training, validation and test
        /// parts. Training and gate recalibration both split through here, so a recalibration sees
        /// exactly the parts the training run saw for the same data, fractions and seed.
        /// </summary>
        public (List<CanonicalImage> Train, List<CanonicalImage> Validation, List<CanonicalImage> Test) Split(double validationFraction, double testFraction, int seed)
        {
            var split = GroupedSplitter.Split(
                Images.Select(i => i.Group).ToList(),
                Images.Select(i => i.Label).ToList(),
                validationFraction,
                testFraction,
                seed);
            return (split.Train.Select(i => Images[i]).ToList(), split.Validation.Select(i => Images[i]).ToList(), split.Test.Select(i => Images[i]).ToList());
        }
    }

    /// <summary>
    /// Loads every image of <paramref name="set"/> at <paramref name="canonicalUmPerPixel"/> using up
    /// to <paramref name="threads"/> threads; the result does not depend on the thread count.
    /// </summary>
    /// <exception cref="InvalidDataException">No image could be decoded (the message lists the supported extensions).</exception>
    public static Result Load(LabelledImageSet set, double canonicalUmPerPixel, ScaleOptions? scale = null, int threads = 1, CancellationToken cancellationToken = default)
    {
        scale ??= ScaleOptions.Default;
        var loaded = new CanonicalImage?[set.Images.Count];
        var errors = new string?[set.Images.Count];
        Parallel.For(
            0,
            set.Images.Count,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads), CancellationToken = cancellationToken },
            i =>
            {
                try
                {
                    loaded[i] = LoadOne(set, set.Images[i], canonicalUmPerPixel, scale);
                }
                catch (InvalidImageException ex)
                {
                    errors[i] = ex.Message;
                }
                catch (IOException ex)
                {
                    errors[i] = "cannot be read: " + ex.Message;
                }
            });

        var images = new List<CanonicalImage>(set.Images.Count);
        var skipped = new List<SkippedImage>(set.Skipped);
        long bytes = 0;
        for (var i = 0; i < loaded.Length; i++)
        {
            if (loaded[i] is { } image)
            {
                images.Add(image);
                bytes += image.Pixels.Length * sizeof(float);
            }
            else
            {
                skipped.Add(new SkippedImage(set.Images[i].Path, errors[i] ?? "not decoded"));
            }
        }

        if (images.Count == 0)
        {
            throw new InvalidDataException(
                $"{set.Source}: none of the {set.Images.Count} images could be decoded (first problem: {skipped.FirstOrDefault()?.Reason}). "
                + $"ColonyQc reads {string.Join(", ", ImageDecoder.SupportedExtensions)}.");
        }

        return new Result(images, skipped, bytes);
    }

    /// <summary>Decodes one file and resamples it to the canonical plane (a fresh array the caller owns).</summary>
    /// <exception cref="InvalidImageException">The file is not a decodable image.</exception>
    public static (float[] Pixels, int Width, int Height, double SourceUmPerPixel) Decode(string path, double canonicalUmPerPixel, double? umPerPixel, ScaleOptions scale)
    {
        var bytes = File.ReadAllBytes(path);
        return Decode(bytes, path, canonicalUmPerPixel, umPerPixel, scale);
    }

    private static CanonicalImage LoadOne(LabelledImageSet set, LabelledImage item, double canonicalUmPerPixel, ScaleOptions scale)
    {
        var bytes = File.ReadAllBytes(item.Path);
        var (pixels, width, height, sourceUm) = Decode(bytes, item.Path, canonicalUmPerPixel, item.UmPerPixel, scale);
        IReadOnlyList<ColonyBox>? colonies = null;
        if (set.Annotations is not null)
        {
            // A file without rows in annotations.csv has no colonies (an empty field), not unknown ones.
            var factor = sourceUm / canonicalUmPerPixel;
            colonies = set.Annotations.TryGetValue(item.Path, out var boxes) ? boxes.Select(b => b.Scaled(factor)).ToList() : [];
        }

        return new CanonicalImage(item, width, height, pixels, colonies, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private static (float[] Pixels, int Width, int Height, double SourceUmPerPixel) Decode(byte[] bytes, string path, double canonicalUmPerPixel, double? umPerPixel, ScaleOptions scale)
    {
        using var image = ImageDecoder.Decode(bytes, path, DecodeOptions.Default);
        var (sourceUm, _) = ScaleResolver.Resolve(umPerPixel ?? scale.UmPerPixel, scale.Objective, image.Metadata.UmPerPixel, scale.AssumedUmPerPixel);

        // The resampler itself accounts for any shrink-on-load (ImageMetadata.ShrinkFactor).
        using var plane = CanonicalResampler.Resample(image, sourceUm, canonicalUmPerPixel);
        return (plane.Pixels.ToArray(), plane.Width, plane.Height, sourceUm);
    }
}
