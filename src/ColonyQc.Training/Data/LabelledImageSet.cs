using System.Globalization;
using ColonyQc.Inference.Imaging;

namespace ColonyQc.Training.Data;

/// <summary>
/// A labelled data set as listed on disk: either a folder with one subfolder per class, or a CSV
/// manifest (<c>path,label[,group]</c>, or the simulator's <c>labels.csv</c> with
/// <c>file,label,plate,well,field,group</c>). Images are recognised by content, not extension.
/// Optional per-colony boxes come from an <c>annotations.csv</c> beside the manifest.
/// </summary>
public sealed class LabelledImageSet
{
    /// <summary>The canonical class order of ColonyQc models.</summary>
    public static readonly IReadOnlyList<string> StandardClasses = ["good", "differentiating", "abnormal"];

    private const string LabelsFileName = "labels.csv";

    private LabelledImageSet(string source, IReadOnlyList<string> classNames, IReadOnlyList<LabelledImage> images, IReadOnlyList<SkippedImage> skipped, IReadOnlyDictionary<string, List<ColonyBox>>? annotations)
    {
        Source = source;
        ClassNames = classNames;
        Images = images;
        Skipped = skipped;
        Annotations = annotations;
    }

    /// <summary>The folder or manifest the set was read from.</summary>
    public string Source { get; }

    /// <summary>Class names in label-index order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The usable images (found, recognised as images by their first bytes).</summary>
    public IReadOnlyList<LabelledImage> Images { get; }

    /// <summary>Files listed or found that are not usable, with the reason.</summary>
    public IReadOnlyList<SkippedImage> Skipped { get; }

    /// <summary>Colony boxes (source pixels) per full image path, or null when the set has no annotations.csv.</summary>
    public IReadOnlyDictionary<string, List<ColonyBox>>? Annotations { get; }

    /// <summary>
    /// Lists the data set at <paramref name="dataPath"/>: a CSV manifest file, a folder holding
    /// labels.csv, or a folder with one subfolder per class.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The path does not exist.</exception>
    /// <exception cref="InvalidDataException">The manifest is malformed, or no usable image was found (the message lists the supported extensions).</exception>
    public static LabelledImageSet Load(string dataPath, DataLoadOptions? options = null)
    {
        options ??= DataLoadOptions.Default;
        var groupBy = SplittingGroups.Compile(options.GroupByPattern);
        var full = Path.GetFullPath(dataPath);
        List<Entry> entries;
        string? annotationPath;
        if (File.Exists(full))
        {
            entries = ReadManifest(full);
            annotationPath = Path.Combine(Path.GetDirectoryName(full) ?? ".", AnnotationFile.FileName);
        }
        else if (Directory.Exists(full))
        {
            var labels = Path.Combine(full, LabelsFileName);
            entries = File.Exists(labels) ? ReadManifest(labels) : ReadClassFolders(full);
            annotationPath = Path.Combine(full, AnnotationFile.FileName);
        }
        else
        {
            throw new DirectoryNotFoundException($"{dataPath}: no such data folder or manifest");
        }

        var classNames = ChooseClasses(entries.Select(e => e.Label), options.ClassNames, full);
        var root = File.Exists(full) ? Path.GetDirectoryName(full) ?? "." : full;
        var images = new List<LabelledImage>();
        var skipped = new List<SkippedImage>();
        foreach (var e in entries)
        {
            var problem = Sniff(e.Path);
            if (problem is not null)
            {
                skipped.Add(new SkippedImage(e.Path, problem));
                continue;
            }

            var group = SplittingGroups.Resolve(e.Path, e.Group, groupBy, root);
            images.Add(new LabelledImage(e.Path, IndexOf(classNames, e.Label), group, e.UmPerPixel));
        }

        if (images.Count == 0)
        {
            throw new InvalidDataException(
                $"{dataPath}: no usable images found ({skipped.Count} skipped). ColonyQc reads {string.Join(", ", ImageDecoder.SupportedExtensions)} (recognised by content); "
                + "give a folder with one subfolder per class, or a CSV manifest path,label[,group].");
        }

        var annotations = File.Exists(annotationPath) ? AnnotationFile.Read(annotationPath, classNames) : null;
        return new LabelledImageSet(full, classNames, images, skipped, annotations);
    }

    /// <summary>Returns the subset at <paramref name="indices"/> (same classes and annotations).</summary>
    public LabelledImageSet Subset(IEnumerable<int> indices) =>
        new(Source, ClassNames, indices.Select(i => Images[i]).ToList(), [], Annotations);

    private static List<Entry> ReadManifest(string path)
    {
        var table = CsvTable.Read(path, header => header.Any(h => h.Trim().Equals("label", StringComparison.OrdinalIgnoreCase)));
        var pathColumn = table.Header is null ? 0 : table.Column("path", "file", "image");
        var labelColumn = table.Header is null ? 1 : table.Column("label", "class");
        var groupColumn = table.Header is null ? 2 : table.Column("group");
        var plateColumn = table.Column("plate");
        var wellColumn = table.Column("well");
        var scaleColumn = table.Column("um_per_px", "umPerPixel");
        if (pathColumn < 0 || labelColumn < 0)
        {
            throw new InvalidDataException($"{path}: the header needs a path (or file) column and a label column");
        }

        var folder = Path.GetDirectoryName(path) ?? ".";
        var entries = new List<Entry>();
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            var line = r + (table.Header is null ? 1 : 2);
            var file = CsvTable.Cell(row, pathColumn);
            var label = CsvTable.Cell(row, labelColumn);
            if (file.Length == 0 || label.Length == 0)
            {
                throw new InvalidDataException($"{path}: line {line}: path and label must not be empty");
            }

            var group = CsvTable.Cell(row, groupColumn);
            if (group.Length == 0 && plateColumn >= 0 && wellColumn >= 0 && CsvTable.Cell(row, wellColumn).Length > 0)
            {
                group = CsvTable.Cell(row, plateColumn) + "/" + CsvTable.Cell(row, wellColumn);
            }

            double? scale = null;
            var scaleCell = CsvTable.Cell(row, scaleColumn);
            if (scaleCell.Length > 0)
            {
                if (!double.TryParse(scaleCell, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) || s <= 0)
                {
                    throw new InvalidDataException($"{path}: line {line}: um_per_px '{scaleCell}' is not a positive number");
                }

                scale = s;
            }

            entries.Add(new Entry(Path.GetFullPath(Path.Combine(folder, file)), label, group.Length > 0 ? group : null, scale));
        }

        return entries;
    }

    private static List<Entry> ReadClassFolders(string root)
    {
        var entries = new List<Entry>();
        foreach (var classFolder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            var label = Path.GetFileName(classFolder);
            foreach (var file in Directory.EnumerateFiles(classFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (LooksLikeImage(file))
                {
                    entries.Add(new Entry(file, label, null, null));
                }
            }
        }

        return entries;
    }

    // In a class folder, only files whose first bytes are an image are taken; others (notes,
    // thumbnails databases) are ignored, not reported, since nobody listed them as images.
    private static bool LooksLikeImage(string file)
    {
        try
        {
            Span<byte> header = stackalloc byte[32];
            using var stream = File.OpenRead(file);
            var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            return ImageDecoder.IsSupportedImage(header[..read]);
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

    private static string? Sniff(string file)
    {
        if (!File.Exists(file))
        {
            return "file not found";
        }

        try
        {
            Span<byte> header = stackalloc byte[32];
            using var stream = File.OpenRead(file);
            var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            return read == 0 ? "empty file (0 bytes)"
                : ImageDecoder.IsSupportedImage(header[..read]) ? null
                : "not a supported image (its first bytes match no known format)";
        }
        catch (IOException ex)
        {
            return "cannot be read: " + ex.Message;
        }
        catch (UnauthorizedAccessException ex)
        {
            return "cannot be read: " + ex.Message;
        }
    }

    private static List<string> ChooseClasses(IEnumerable<string> labels, IReadOnlyList<string>? requested, string source)
    {
        var found = labels.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (requested is not null)
        {
            var missing = found.Where(l => IndexOf(requested, l) < 0).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidDataException($"{source}: labels {string.Join(", ", missing)} are not among the classes {string.Join(", ", requested)}");
            }

            return [.. requested];
        }

        if (found.Count == StandardClasses.Count && found.All(l => IndexOf(StandardClasses, l) >= 0))
        {
            return [.. StandardClasses];
        }

        if (found.Count < 2 && found.Count > 0)
        {
            throw new InvalidDataException($"{source}: only one class ({found[0]}) found; a classifier needs at least two");
        }

        return found.Order(StringComparer.Ordinal).ToList();
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private sealed record Entry(string Path, string Label, string? Group, double? UmPerPixel);
}
