using System.Text;

namespace ColonyQc.Cli.Reports;

/// <summary>
/// An RFC 4180 record reader: quoted fields may hold commas, doubled quotes and line breaks; CRLF and
/// LF both end a record; a final line break is optional.
/// </summary>
internal static class CsvRecordReader
{
    /// <summary>Reads every record; blank lines between records are ignored.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> ReadAll(TextReader reader) => Records(reader).ToList();

    /// <summary>The records one by one, read as they are enumerated (a long file is never held whole).</summary>
    public static IEnumerable<IReadOnlyList<string>> Records(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var fieldStarted = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch != '"')
                {
                    field.Append(ch);
                }
                else if (reader.Peek() == '"')
                {
                    reader.Read();
                    field.Append('"');
                }
                else
                {
                    inQuotes = false;
                }

                continue;
            }

            switch (ch)
            {
                case '"' when field.Length == 0:
                    inQuotes = true;
                    fieldStarted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    if (EndRecord() is { } record)
                    {
                        yield return record;
                    }

                    break;
                default:
                    field.Append(ch);
                    fieldStarted = true;
                    break;
            }
        }

        if (EndRecord() is { } last)
        {
            yield return last;
        }

        string[]? EndRecord()
        {
            string[]? record = null;
            if (fieldStarted || fields.Count > 0)
            {
                fields.Add(field.ToString());
                record = fields.ToArray();
            }

            fields.Clear();
            field.Clear();
            fieldStarted = false;
            return record;
        }
    }
}
