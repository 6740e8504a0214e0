using System.Text;

namespace ColonyQc.Training.Data;

/// <summary>
/// A small RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF or LF) for data manifests and
/// annotation files. The first row is the header when it names the expected columns.
/// </summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(string path, IReadOnlyList<string>? header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        Path = path;
        Header = header;
        Rows = rows;
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        if (header is not null)
        {
            for (var i = 0; i < header.Count; i++)
            {
                _columns.TryAdd(header[i].Trim(), i);
            }
        }
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>Column names, or null when the file has no header row.</summary>
    public IReadOnlyList<string>? Header { get; }

    /// <summary>Data rows (without the header), blank lines dropped.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    /// <summary>Reads <paramref name="path"/>; the first row is a header when <paramref name="isHeader"/> says so.</summary>
    public static CsvTable Read(string path, Func<IReadOnlyList<string>, bool> isHeader)
    {
        var records = Parse(File.ReadAllText(path, Encoding.UTF8), path);
        if (records.Count > 0 && isHeader(records[0]))
        {
            return new CsvTable(path, records[0], records.Skip(1).ToList());
        }

        return new CsvTable(path, null, records);
    }

    /// <summary>Index of the first of <paramref name="names"/> present in the header, or -1.</summary>
    public int Column(params string[] names)
    {
        foreach (var name in names)
        {
            if (_columns.TryGetValue(name, out var index))
            {
                return index;
            }
        }

        return -1;
    }

    /// <summary>The trimmed cell, or an empty string when the row is shorter or the column is -1.</summary>
    public static string Cell(IReadOnlyList<string> row, int column) =>
        column >= 0 && column < row.Count ? row[column].Trim() : string.Empty;

    private static List<IReadOnlyList<string>> Parse(string text, string path)
    {
        var rows = new List<IReadOnlyList<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    EndRow(rows, row, field);
                    row = [];
                    line++;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (quoted)
        {
            throw new InvalidDataException($"{path}: line {line}: a quoted field is not closed");
        }

        EndRow(rows, row, field);
        return rows;
    }

    private static void EndRow(List<IReadOnlyList<string>> rows, List<string> row, StringBuilder field)
    {
        row.Add(field.ToString());
        field.Clear();
        if (row.Count > 1 || row[0].Trim().Length > 0)
        {
            rows.Add(row);
        }
    }
}
