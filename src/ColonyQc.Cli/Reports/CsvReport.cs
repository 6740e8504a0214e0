using System.Globalization;
using System.Text;

namespace ColonyQc.Cli.Reports;

/// <summary>
/// The CSV report: the header of <see cref="ReportColumns"/>, one row per file, RFC 4180 quoting
/// (fields with a comma, quote or line break are quoted, quotes doubled), invariant culture, LF line ends.
/// </summary>
internal static class CsvReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Writes the header and every row.</summary>
    public static void Write(TextWriter writer, IEnumerable<ReportRow> rows)
    {
        WriteHeader(writer);
        var fields = new string[ReportColumns.Names.Count];
        foreach (var row in rows)
        {
            WriteRow(writer, row, fields);
        }
    }

    /// <summary>Writes the header line.</summary>
    public static void WriteHeader(TextWriter writer)
    {
        writer.Write(ReportColumns.Header);
        writer.Write('\n');
    }

    /// <summary>Writes one row as one line; <paramref name="fields"/> is scratch space of <see cref="ReportColumns.Names"/>' length.</summary>
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
    /// <exception cref="InvalidDataException">The header is not the ColonyQc header or a row has the wrong number of fields.</exception>
    public static IReadOnlyList<ReportRow> Read(TextReader reader, string source) => ReadRows(reader, source).ToList();

    /// <summary>As <see cref="Read"/>, one row at a time as they are enumerated.</summary>
    /// <exception cref="InvalidDataException">The header is not the ColonyQc header or a row has the wrong number of fields (when enumerated).</exception>
    public static IEnumerable<ReportRow> ReadRows(TextReader reader, string source)
    {
        var line = 0;
        foreach (var f in CsvRecordReader.Records(reader))
        {
            line++;
            if (line == 1)
            {
                if (!f.SequenceEqual(ReportColumns.Names))
                {
                    throw NotAReport(source);
                }

                continue;
            }

            if (f.Count != ReportColumns.Names.Count)
            {
                throw new InvalidDataException($"{source}: line {line} has {f.Count} fields, expected {ReportColumns.Names.Count}");
            }

            yield return Parse(f, source, line);
        }

        if (line == 0)
        {
            throw NotAReport(source);
        }
    }

    /// <summary>Formats a probability or confidence: six decimals are finer than any calibration.</summary>
    public static string FormatProbability(double value) => value.ToString("0.######", Invariant);

    private static InvalidDataException NotAReport(string source) =>
        new($"{source}: not a ColonyQc report (the first line must be '{ReportColumns.Header}')");

    private static void Fill(ReportRow row, string[] f)
    {
        f[0] = row.File;
        f[1] = row.Status;
        f[2] = row.Label ?? string.Empty;
        f[3] = Number(row.Confidence);
        f[4] = Number(row.PGood);
        f[5] = Number(row.PDifferentiating);
        f[6] = Number(row.PAbnormal);
        f[7] = row.Review is { } review ? (review ? "true" : "false") : string.Empty;
        f[8] = string.Join(ReportColumns.ReasonSeparator, row.ReviewReasons);
        f[9] = row.Plate ?? string.Empty;
        f[10] = row.Well ?? string.Empty;
        f[11] = Integer(row.Field);
        f[12] = Integer(row.Width);
        f[13] = Integer(row.Height);
        f[14] = Integer(row.BitDepth);
        f[15] = row.UmPerPixel is { } um ? um.ToString("0.######", Invariant) : string.Empty;
        f[16] = row.Sha256 ?? string.Empty;
        f[17] = row.Error ?? string.Empty;
    }

    private static ReportRow Parse(IReadOnlyList<string> f, string source, int line)
    {
        return new ReportRow
        {
            File = f[0],
            Status = f[1] is ReportRow.StatusOk or ReportRow.StatusError
                ? f[1]
                : throw new InvalidDataException($"{source}: line {line}: status '{f[1]}' is neither ok nor error"),
            Label = Text(f[2]),
            Confidence = ParseDouble(f[3], source, line, "confidence"),
            PGood = ParseDouble(f[4], source, line, "p_good"),
            PDifferentiating = ParseDouble(f[5], source, line, "p_differentiating"),
            PAbnormal = ParseDouble(f[6], source, line, "p_abnormal"),
            Review = f[7] switch
            {
                "" => null,
                "true" => true,
                "false" => false,
                _ => throw new InvalidDataException($"{source}: line {line}: review '{f[7]}' is neither true nor false"),
            },
            ReviewReasons = f[8].Length == 0 ? [] : f[8].Split(ReportColumns.ReasonSeparator),
            Plate = Text(f[9]),
            Well = Text(f[10]),
            Field = ParseInt(f[11], source, line, "field"),
            Width = ParseInt(f[12], source, line, "width"),
            Height = ParseInt(f[13], source, line, "height"),
            BitDepth = ParseInt(f[14], source, line, "bit_depth"),
            UmPerPixel = ParseDouble(f[15], source, line, "um_per_px"),
            Sha256 = Text(f[16]),
            Error = Text(f[17]),
        };
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
