using System.Globalization;

namespace ColonyQc.MLNetAnchor;

/// <summary>One labelled image as listed on disk.</summary>
public sealed record LabelledImage(string Path, string Label);

/// <summary>
/// Reads a labelled set the way a lab hands it over: a folder with one subfolder per class (the
/// leaf folder is the label), a CSV manifest <c>path,label[,...]</c> with paths relative to the CSV,
/// or a folder that holds such a <c>labels.csv</c>.
/// </summary>
public static class LabelledImages
{
    /// <summary>File extensions taken from class folders.</summary>
    public static readonly string[] Extensions = [".tif", ".tiff", ".png", ".jpg", ".jpeg", ".bmp"];

    /// <summary>Lists the images of <paramref name="source"/>.</summary>
    /// <exception cref="InvalidDataException">Nothing usable found, or a malformed manifest.</exception>
    public static IReadOnlyList<LabelledImage> Read(string source)
    {
        var full = System.IO.Path.GetFullPath(source);
        List<LabelledImage> images;
        if (File.Exists(full))
        {
            images = ReadManifest(full);
        }
        else if (Directory.Exists(full))
        {
            var manifest = System.IO.Path.Combine(full, "labels.csv");
            images = File.Exists(manifest) ? ReadManifest(manifest) : ReadClassFolders(full);
        }
        else
        {
            throw new InvalidDataException($"{source}: no such file or folder");
        }

        if (images.Count == 0)
        {
            throw new InvalidDataException(
                $"{source}: no images found; give a folder with one subfolder per class holding "
                + $"{string.Join("/", Extensions)} files, or a CSV manifest path,label");
        }

        return images;
    }

    private static List<LabelledImage> ReadManifest(string csv)
    {
        var lines = File.ReadAllLines(csv);
        if (lines.Length == 0)
        {
            throw new InvalidDataException($"{csv}: empty manifest");
        }

        var header = Split(lines[0]);
        var pathColumn = IndexOf(header, "path", "file", "image");
        var labelColumn = IndexOf(header, "label", "class");
        var first = 1;
        if (labelColumn < 0)
        {
            // no header: path,label
            (pathColumn, labelColumn, first) = (0, 1, 0);
        }
        else if (pathColumn < 0)
        {
            throw new InvalidDataException($"{csv}: the header has a label column but no path (or file) column");
        }

        var folder = System.IO.Path.GetDirectoryName(csv) ?? ".";
        var images = new List<LabelledImage>();
        for (var i = first; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            var cells = Split(lines[i]);
            if (cells.Length <= Math.Max(pathColumn, labelColumn) || cells[pathColumn].Length == 0 || cells[labelColumn].Length == 0)
            {
                throw new InvalidDataException(
                    string.Create(CultureInfo.InvariantCulture, $"{csv}: line {i + 1}: path and label must not be empty"));
            }

            images.Add(new LabelledImage(System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, cells[pathColumn])), cells[labelColumn]));
        }

        return images;
    }

    private static List<LabelledImage> ReadClassFolders(string root)
    {
        var images = new List<LabelledImage>();
        foreach (var classFolder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            var label = System.IO.Path.GetFileName(classFolder);
            foreach (var file in Directory.EnumerateFiles(classFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (Extensions.Contains(System.IO.Path.GetExtension(file).ToLowerInvariant()))
                {
                    images.Add(new LabelledImage(file, label));
                }
            }
        }

        return images;
    }

    // The manifests this tool meets (the renderer's, a lab's) have no quoted commas.
    private static string[] Split(string line) => line.Split(',').Select(c => c.Trim()).ToArray();

    private static int IndexOf(string[] header, params string[] names)
    {
        for (var i = 0; i < header.Length; i++)
        {
            if (names.Any(n => header[i].Equals(n, StringComparison.OrdinalIgnoreCase)))
            {
                return i;
            }
        }

        return -1;
    }
}
