using ColonyQc.Inference.Imaging;
using ColonyQc.Inference.Naming;

namespace ColonyQc.Cli.Scoring;

/// <summary>
/// Finds the files to score. Inside folders, a file is an image when its first bytes say so
/// (extensions lie); a file with an image extension whose content is not an image is kept too, so it
/// reaches the report as an error row instead of silently vanishing. Files named on the command line
/// are always scored. EVOS display (D) and merged (M) renderings are skipped unless asked for, since
/// the raw (R) file is what to score. The result is sorted ordinally, so every run sees the same order.
/// </summary>
internal static class ImageDiscovery
{
    // Enough for every magic number ImageDecoder sniffs (TIFF 4, PNG 8, JPEG 3, BMP 2 bytes).
    private const int HeaderBytes = ImageDecoder.HeaderBytesNeeded;

    /// <summary>What a search found.</summary>
    /// <param name="Images">The files to score, ordinal order, no duplicates.</param>
    /// <param name="SkippedDisplayFiles">EVOS D/M files left out.</param>
    /// <param name="MissingInputs">Arguments that are neither a file nor a folder.</param>
    internal sealed record Result(IReadOnlyList<DiscoveredImage> Images, int SkippedDisplayFiles, IReadOnlyList<string> MissingInputs);

    /// <summary>Searches <paramref name="inputs"/> (files or folders).</summary>
    public static Result Find(IEnumerable<string> inputs, bool recursive, bool includeDisplay)
    {
        var found = new Dictionary<string, DiscoveredImage>(StringComparer.Ordinal);
        var missing = new List<string>();
        var skipped = 0;
        var extensions = new HashSet<string>(ImageDecoder.SupportedExtensions, StringComparer.OrdinalIgnoreCase);
        foreach (var input in inputs)
        {
            if (File.Exists(input))
            {
                Add(new DiscoveredImage(Normalise(input), Path.GetFileName(input)));
            }
            else if (Directory.Exists(input))
            {
                var options = new EnumerationOptions
                {
                    RecurseSubdirectories = recursive,
                    AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
                    IgnoreInaccessible = true,
                    MatchType = MatchType.Simple,
                };
                foreach (var file in Directory.EnumerateFiles(input, "*", options))
                {
                    var name = Path.GetFileName(file);
                    // Dot files are hidden on Linux (and include our own temporary report files).
                    if (name.StartsWith('.'))
                    {
                        continue;
                    }

                    if (LooksLikeImage(file) || extensions.Contains(Path.GetExtension(file)))
                    {
                        Add(new DiscoveredImage(Normalise(file), Normalise(Path.GetRelativePath(input, file))));
                    }
                }
            }
            else
            {
                missing.Add(input);
            }
        }

        var images = found.Values.OrderBy(i => i.Path, StringComparer.Ordinal).ToList();
        return new Result(images, skipped, missing);

        void Add(DiscoveredImage image)
        {
            if (found.ContainsKey(image.Path))
            {
                return;
            }

            if (!includeDisplay && EvosFileName.TryParse(image.Path, out var evos) && !evos!.IsRaw)
            {
                skipped++;
                return;
            }

            found.Add(image.Path, image);
        }
    }

    private static bool LooksLikeImage(string path)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            return read > 0 && ImageDecoder.IsSupportedImage(header[..read]);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string Normalise(string path) => path.Replace('\\', '/');
}
