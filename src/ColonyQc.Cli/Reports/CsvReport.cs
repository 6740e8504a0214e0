using System.Globalization;
using System.Text;

namespace ColonyQc.Cli.Reports;

/// <summary>
/// The CSV report: the header of <see cref="ReportColumns"/> for the model's classes, one row per file,
/// RFC 4180 quoting (fields with a comma, quote or line break are quoted, quotes doubled), invariant
/// culture, LF line ends.
/// </summary>
internal static class CsvReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Writes the header for <paramref name="classNames"/> and every row.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<string> classNames, IEnumerable<ReportRow> rows)
    {
        WriteHeader(writer, classNames);
        var fields = new string[ReportColumns.Names(classNames).Count];
        foreach (var row in rows)
        {
            WriteRow(writer, row, fields);
        }
    }

    /// <summary>Writes the header line.</summary>
    public static void WriteHeader(TextWriter writer, IReadOnlyList<string> classNames)
    {
        var names = ReportColumns.Names(classNames);
        for (var i = 0; i < names.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            WriteField(writer, names[i]);
        }

        writer.Write('\n');
    }

    /// <summary>Writes one row as one line; <paramref name="fields"/> is scratch space of the header's length (it fixes the class count).</summary>
    public static void WriteRow(TextWriter writer, ReportRow row, string[] fields)
    {
        Fill(row, fields);
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            WriteField(writer, fields[i]);
        }

        writer.Write('\n');
    }

    /// <summary>Reads a report written by <see cref="Write"/>; <paramref name="source"/> names the file in errors.</summary>
    /// <exception cref="InvalidDataException">The header is not a ColonyQc report header or a row is malformed.</exception>
    public static ReportContent Read(TextReader reader, string source)
    {
        var (classNames, rows) = Open(reader, source);
        return new ReportContent(classNames, [.. rows]);
    }

    /// <summary>
    /// Reads the header now (the class set it names) and returns the rows to be read one at a time as they
    /// are enumerated (once).
    /// </summary>
    /// <exception cref="InvalidDataException">The header is not a ColonyQc report header; a malformed row throws when enumerated.</exception>
    public static (IReadOnlyList<string> ClassNames, IEnumerable<ReportRow> Rows) Open(TextReader reader, string source)
    {
        var records = CsvRecordReader.Records(reader).GetEnumerator();
        if (!records.MoveNext() || ReportColumns.ClassNamesOf(records.Current) is not { } classNames)
        {
            records.Dispose();
            throw NotAReport(source);
        }

        return (classNames, RowsOf(records, classNames, source));
    }

    private static IEnumerable<ReportRow> RowsOf(IEnumerator<IReadOnlyList<string>> records, IReadOnlyList<string> classNames, string source)
    {
        using (records)
        {
            var expected = ReportColumns.Leading.Count + classNames.Count + ReportColumns.Trailing.Count;
            var line = 1;
            while (records.MoveNext())
            {
                line++;
                var f = records.Current;
                if (f.Count != expected)
                {
                    throw new InvalidDataException($"{source}: line {line} has {f.Count} fields, expected {expected}");
                }

                yield return Parse(f, classNames, source, line);
            }
        }
    }

    /// <summary>Formats a probability or confidence: six decimals are finer than any calibration.</summary>
    public static string FormatProbability(double value) => value.ToString("0.######", Invariant);

    private static InvalidDataException NotAReport(string source) =>
        new($"{source}: not a ColonyQc report (the first line must be '{string.Join(',', ReportColumns.Leading)},p_<class>...,{string.Join(',', ReportColumns.Trailing)}')");

    private static void Fill(ReportRow row, string[] f)
    {
        var classes = f.Length - ReportColumns.Leading.Count - ReportColumns.Trailing.Count;
        f[0] = row.File;
        f[1] = row.Status;
        f[2] = row.Label ?? string.Empty;
        f[3] = Number(row.Confidence);
        for (var c = 0; c < classes; c++)
        {
            f[4 + c] = row.Probabilities is { } p && c < p.Count ? FormatProbability(p[c]) : string.Empty;
        }

        var t = 4 + classes;
        f[t] = row.Review is { } review ? (review ? "true" : "false") : string.Empty;
        f[t + 1] = string.Join(ReportColumns.ReasonSeparator, row.ReviewReasons);
        f[t + 2] = row.Plate ?? string.Empty;
        f[t + 3] = row.Well ?? string.Empty;
        f[t + 4] = Integer(row.Field);
        f[t + 5] = Integer(row.Width);
        f[t + 6] = Integer(row.Height);
        f[t + 7] = Integer(row.BitDepth);
        f[t + 8] = row.UmPerPixel is { } um ? um.ToString("0.######", Invariant) : string.Empty;
        f[t + 9] = row.Sha256 ?? string.Empty;
        f[t + 10] = row.Error ?? string.Empty;
    }

    private static ReportRow Parse(IReadOnlyList<string> f, IReadOnlyList<string> classNames, string source, int line)
    {
        var classes = classNames.Count;
        var t = 4 + classes;
        return new ReportRow
        {
            File = f[0],
            Status = f[1] is ReportRow.StatusOk or ReportRow.StatusError
                ? f[1]
                : throw new InvalidDataException($"{source}: line {line}: status '{f[1]}' is neither ok nor error"),
            Label = Text(f[2]),
            Confidence = ParseDouble(f[3], source, line, "confidence"),
            Probabilities = ParseProbabilities(f, classNames, source, line),
            Review = f[t] switch
            {
                "" => null,
                "true" => true,
                "false" => false,
                _ => throw new InvalidDataException($"{source}: line {line}: review '{f[t]}' is neither true nor false"),
            },
            ReviewReasons = f[t + 1].Length == 0 ? [] : f[t + 1].Split(ReportColumns.ReasonSeparator),
            Plate = Text(f[t + 2]),
            Well = Text(f[t + 3]),
            Field = ParseInt(f[t + 4], source, line, "field"),
            Width = ParseInt(f[t + 5], source, line, "width"),
            Height = ParseInt(f[t + 6], source, line, "height"),
            BitDepth = ParseInt(f[t + 7], source, line, "bit_depth"),
            UmPerPixel = ParseDouble(f[t + 8], source, line, "um_per_px"),
            Sha256 = Text(f[t + 9]),
            Error = Text(f[t + 10]),
        };
    }

    // Every probability or none (an error row): a row with some of them is damaged.
    private static double[]? ParseProbabilities(IReadOnlyList<string> f, IReadOnlyList<string> classNames, string source, int line)
    {
        var empty = 0;
        for (var c = 0; c < classNames.Count; c++)
        {
            empty += f[4 + c].Length == 0 ? 1 : 0;
        }

        if (empty == classNames.Count)
        {
            return null;
        }

        var values = new double[classNames.Count];
        for (var c = 0; c < classNames.Count; c++)
        {
            values[c] = ParseDouble(f[4 + c], source, line, ReportColumns.Probability(classNames[c]))
                ?? throw new InvalidDataException($"{source}: line {line}: {ReportColumns.Probability(classNames[c])} is empty while other probabilities are given");
        }

        return values;
    }

    private static string Number(double? value) => value is { } v ? FormatProbability(v) : string.Empty;

    private static string Integer(int? value) => value?.ToString(Invariant) ?? string.Empty;

    private static string? Text(string field) => field.Length == 0 ? null : field;

    private static double? ParseDouble(string field, string source, int line, string column) =>
        field.Length == 0 ? null
        : double.TryParse(field, NumberStyles.Float, Invariant, out var v) ? v
        : throw new InvalidDataException($"{source}: line {line}: {column} '{field}' is not a number");

    private static int? ParseInt(string field, string source, int line, string column) =>
        field.Length == 0 ? null
        : int.TryParse(field, NumberStyles.Integer, Invariant, out var v) ? v
        : throw new InvalidDataException($"{source}: line {line}: {column} '{field}' is not an integer");

    private static void WriteField(TextWriter writer, string field)
    {
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(field);
            return;
        }

        var quoted = new StringBuilder(field.Length + 8).Append('"');
        foreach (var ch in field)
        {
            quoted.Append(ch == '"' ? "\"\"" : ch.ToString());
        }

        writer.Write(quoted.Append('"').ToString());
    }
}
