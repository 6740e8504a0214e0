using System.Globalization;

namespace ColonyQc.Training.Data;

/// <summary>
/// Reads the per-colony annotations the simulator writes beside labels.csv (<c>annotations.csv</c>):
/// one row per colony with the image file, the colony's class and its bounding box in source pixels,
/// either as x,y,width,height or as x0,y0,x1,y1.
/// </summary>
public static class AnnotationFile
{
    /// <summary>The file name looked for beside a data manifest.</summary>
    public const string FileName = "annotations.csv";

    /// <summary>
    /// Reads <paramref name="path"/> into boxes per full image path (relative paths resolve against the
    /// file's folder). Colonies of a class outside <paramref name="classNames"/> are an error.
    /// </summary>
    /// <exception cref="InvalidDataException">A column is missing or a cell is not a number; the message names the file and line.</exception>
    public static Dictionary<string, List<ColonyBox>> Read(string path, IReadOnlyList<string> classNames)
    {
        var table = CsvTable.Read(path, header => header.Any(h => h.Trim().Equals("label", StringComparison.OrdinalIgnoreCase) || h.Trim().Equals("class", StringComparison.OrdinalIgnoreCase)));
        if (table.Header is null)
        {
            throw new InvalidDataException($"{path}: no header row naming the columns (file, label, x, y, width, height)");
        }

        var file = table.Column("file", "path", "image");
        var label = table.Column("label", "class");
        var x = table.Column("x", "left", "x0", "xmin", "x_min", "bbox_x");
        var y = table.Column("y", "top", "y0", "ymin", "y_min", "bbox_y");
        var w = table.Column("width", "w", "bbox_width");
        var h = table.Column("height", "h", "bbox_height");
        var x1 = table.Column("x1", "right", "xmax", "x_max");
        var y1 = table.Column("y1", "bottom", "ymax", "y_max");
        if (file < 0 || label < 0 || x < 0 || y < 0 || ((w < 0 || h < 0) && (x1 < 0 || y1 < 0)))
        {
            throw new InvalidDataException($"{path}: needs columns file, label and a box (x, y, width, height or x0, y0, x1, y1); found {string.Join(", ", table.Header)}");
        }

        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".";
        var boxes = new Dictionary<string, List<ColonyBox>>(StringComparer.Ordinal);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            var line = r + 2;
            var name = CsvTable.Cell(row, label);
            var classIndex = IndexOf(classNames, name);
            if (classIndex < 0)
            {
                throw new InvalidDataException($"{path}: line {line}: colony class '{name}' is not one of the image classes ({string.Join(", ", classNames)})");
            }

            var left = Number(row, x, path, line);
            var top = Number(row, y, path, line);
            var width = w >= 0 ? Number(row, w, path, line) : Number(row, x1, path, line) - left;
            var height = h >= 0 ? Number(row, h, path, line) : Number(row, y1, path, line) - top;
            if (width <= 0 || height <= 0)
            {
                throw new InvalidDataException($"{path}: line {line}: the box has no area ({width} x {height})");
            }

            var image = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, CsvTable.Cell(row, file)));
            if (!boxes.TryGetValue(image, out var list))
            {
                boxes[image] = list = [];
            }

            list.Add(new ColonyBox(left, top, width, height, classIndex));
        }

        return boxes;
    }

    private static double Number(IReadOnlyList<string> row, int column, string path, int line)
    {
        var cell = CsvTable.Cell(row, column);
        if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new InvalidDataException($"{path}: line {line}: '{cell}' is not a number");
        }

        return value;
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
}
