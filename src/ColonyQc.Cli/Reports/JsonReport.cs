using System.Globalization;
using System.Text.Json;
using ColonyQc.Inference.Scoring;

namespace ColonyQc.Cli.Reports;

/// <summary>
/// The JSON report: <c>{"format": "colonyqc-report", "formatVersion": 1, "run": {...}, "rows": [...]}</c>;
/// each row has the CSV columns as properties (numbers as numbers, review_reasons as an array, empty values
/// null), with one <c>p_&lt;class&gt;</c> property per class in the model's order (<c>run.classNames</c>).
/// </summary>
internal static class JsonReport
{
    /// <summary>The <c>format</c> marker.</summary>
    public const string FormatName = "colonyqc-report";

    /// <summary>Version of this layout; bump when a property changes meaning.</summary>
    public const int FormatVersion = 1;

    /// <summary>
    /// Writes the report to <paramref name="stream"/>. With <paramref name="includeWindows"/> each
    /// scored row also carries its window grid (the HTML report embeds that, so <c>--resume</c> keeps heatmaps).
    /// </summary>
    public static void Write(Stream stream, RunMetadata run, IEnumerable<ReportRow> rows, RunSummary? summary = null, bool includeWindows = false)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("format", FormatName);
        w.WriteNumber("formatVersion", FormatVersion);
        w.WritePropertyName("run");
        WriteRun(w, run);
        if (summary is not null)
        {
            WriteSummary(w, summary);
        }

        w.WriteStartArray("rows");
        foreach (var row in rows)
        {
            WriteRow(w, row, run.ClassNames, includeWindows);
            FlushWhenFull(w);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
    }

    /// <summary>Writes a merged report: a <c>merge</c> object (tool version, sources, time, class names) instead of one run's metadata.</summary>
    public static void WriteMerged(Stream stream, IReadOnlyList<string> sources, IReadOnlyList<string> classNames, IEnumerable<ReportRow> rows)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("format", FormatName);
        w.WriteNumber("formatVersion", FormatVersion);
        w.WriteStartObject("merge");
        w.WriteString("toolVersion", Scoring.ScoreRun.ToolVersion);
        w.WriteString("mergedUtc", DateTimeOffset.UtcNow.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        StringArray(w, "sources", sources.Select(Path.GetFullPath));
        StringArray(w, "classNames", classNames);
        w.WriteEndObject();
        w.WriteStartArray("rows");
        foreach (var row in rows)
        {
            WriteRow(w, row, classNames, includeWindows: false);
            FlushWhenFull(w);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
    }

    /// <summary>Reads the rows of a JSON report; <paramref name="source"/> names the file in errors.</summary>
    /// <exception cref="InvalidDataException">The file is not a ColonyQc JSON report.</exception>
    public static ReportContent Read(Stream stream, string source)
    {
        try
        {
            using var doc = JsonDocument.Parse(stream);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("format", out var format) || format.GetString() != FormatName
                || !root.TryGetProperty("rows", out var rows) || rows.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{source}: not a ColonyQc JSON report (no \"format\": \"{FormatName}\" with \"rows\")");
            }

            var classNames = ClassNamesOf(root, rows);
            return new ReportContent(classNames, [.. rows.EnumerateArray().Select(r => ReadRow(r, classNames, source))]);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not valid JSON: {ex.Message}", ex);
        }
    }

    private static void WriteRun(Utf8JsonWriter w, RunMetadata run)
    {
        w.WriteStartObject();
        w.WriteString("toolVersion", run.ToolVersion);
        w.WriteString("model", run.ModelPath);
        w.WriteString("modelSha256", run.ModelSha256);
        w.WriteNumber("manifestFormatVersion", run.ManifestFormatVersion);
        w.WriteString("modelArchitecture", run.ModelArchitecture);
        StringArray(w, "classNames", run.ClassNames);
        w.WriteStartArray("classSeverities");
        foreach (var severity in run.ClassSeverities)
        {
            w.WriteNumberValue(severity);
        }

        w.WriteEndArray();
        w.WriteStartObject("options");
        foreach (var (key, value) in run.Options)
        {
            w.WritePropertyName(key);
            WriteValue(w, value);
        }

        w.WriteEndObject();
        w.WriteString("startedUtc", run.StartedUtc.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        w.WriteString("endedUtc", run.EndedUtc.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        w.WriteBoolean("interrupted", run.Interrupted);
        w.WriteString("scaleNote", run.ScaleNote);
        w.WriteNumber("skippedDisplayFiles", run.SkippedDisplayFiles);
        w.WriteNumber("resumedRows", run.ResumedRows);
        w.WriteString("shard", run.Shard);
        w.WriteEndObject();
    }

    // The figures the console's summary table shows, so a pipeline reads them without counting rows.
    private static void WriteSummary(Utf8JsonWriter w, RunSummary summary)
    {
        w.WriteStartObject("summary");
        w.WriteNumber("images", summary.Rows);
        w.WriteStartObject("perClass");
        foreach (var (name, count) in summary.PerClass)
        {
            w.WriteNumber(name, count);
        }

        w.WriteEndObject();
        w.WriteNumber("review", summary.Review);
        w.WriteNumber("errors", summary.Errors);
        w.WriteNumber("skippedDisplayFiles", summary.SkippedDisplayFiles);
        w.WriteNumber("resumedRows", summary.ResumedRows);
        w.WriteNumber("scoredThisRun", summary.ProcessedThisRun);
        w.WriteNumber("elapsedSeconds", Math.Round(summary.Elapsed.TotalSeconds, 3));
        w.WriteNumber("imagesPerSecond", Math.Round(summary.ImagesPerSecond, 2));
        w.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNullValue();
                break;
            case bool b:
                w.WriteBooleanValue(b);
                break;
            case int i:
                w.WriteNumberValue(i);
                break;
            case double d:
                w.WriteNumberValue(d);
                break;
            case string s:
                w.WriteStringValue(s);
                break;
            case IEnumerable<string> list:
                w.WriteStartArray();
                foreach (var item in list)
                {
                    w.WriteStringValue(item);
                }

                w.WriteEndArray();
                break;
            default:
                w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static void WriteRow(Utf8JsonWriter w, ReportRow row, IReadOnlyList<string> classNames, bool includeWindows)
    {
        w.WriteStartObject();
        w.WriteString("file", row.File);
        w.WriteString("status", row.Status);
        w.WriteString("label", row.Label);
        Number(w, "confidence", row.Confidence);
        for (var c = 0; c < classNames.Count; c++)
        {
            Number(w, ReportColumns.Probability(classNames[c]), row.Probabilities is { } p && c < p.Count ? p[c] : null);
        }

        if (row.Review is { } review)
        {
            w.WriteBoolean("review", review);
        }
        else
        {
            w.WriteNull("review");
        }

        StringArray(w, "review_reasons", row.ReviewReasons);
        w.WriteString("plate", row.Plate);
        w.WriteString("well", row.Well);
        Integer(w, "field", row.Field);
        Integer(w, "width", row.Width);
        Integer(w, "height", row.Height);
        Integer(w, "bit_depth", row.BitDepth);
        Number(w, "um_per_px", row.UmPerPixel);
        w.WriteString("sha256", row.Sha256);
        w.WriteString("error", row.Error);
        if (includeWindows && row.Windows is { } grid)
        {
            WriteWindows(w, grid);
        }

        w.WriteEndObject();
    }

    private static void WriteWindows(Utf8JsonWriter w, WindowGrid grid)
    {
        w.WriteStartObject("windows");
        w.WriteNumber("columns", grid.Columns);
        w.WriteNumber("rows", grid.Rows);
        w.WriteNumber("windowSize", grid.WindowSize);
        w.WriteNumber("stride", grid.Stride);
        w.WriteNumber("canonicalWidth", grid.CanonicalWidth);
        w.WriteNumber("canonicalHeight", grid.CanonicalHeight);
        w.WriteStartArray("probabilities");
        foreach (var p in grid.Probabilities)
        {
            // Three decimals are plenty for a heatmap colour and keep the embedded data small.
            w.WriteNumberValue(Math.Round(p, 3));
        }

        w.WriteEndArray();
        w.WriteStartArray("voting");
        foreach (var v in grid.Voting)
        {
            w.WriteBooleanValue(v);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static WindowGrid? ReadWindows(JsonElement row)
    {
        if (!row.TryGetProperty("windows", out var g) || g.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new WindowGrid(
            g.GetProperty("columns").GetInt32(),
            g.GetProperty("rows").GetInt32(),
            g.GetProperty("windowSize").GetInt32(),
            g.GetProperty("stride").GetInt32(),
            g.GetProperty("canonicalWidth").GetInt32(),
            g.GetProperty("canonicalHeight").GetInt32(),
            g.GetProperty("probabilities").EnumerateArray().Select(x => x.GetSingle()).ToArray(),
            g.GetProperty("voting").EnumerateArray().Select(x => x.GetBoolean()).ToArray());
    }

    // A run's report names its classes in run.classNames, a merged one in merge.classNames; a report from
    // elsewhere is read by the p_ properties of its first row, in their order.
    private static IReadOnlyList<string> ClassNamesOf(JsonElement root, JsonElement rows)
    {
        foreach (var holder in new[] { "run", "merge" })
        {
            if (root.TryGetProperty(holder, out var h) && h.ValueKind == JsonValueKind.Object
                && h.TryGetProperty("classNames", out var names) && names.ValueKind == JsonValueKind.Array)
            {
                return [.. names.EnumerateArray().Select(n => n.GetString() ?? string.Empty)];
            }
        }

        var first = rows.EnumerateArray().FirstOrDefault();
        return first.ValueKind != JsonValueKind.Object ? []
            : [.. first.EnumerateObject().Where(p => p.Name.StartsWith(ReportColumns.ProbabilityPrefix, StringComparison.Ordinal)).Select(p => p.Name[ReportColumns.ProbabilityPrefix.Length..])];
    }

    private static ReportRow ReadRow(JsonElement e, IReadOnlyList<string> classNames, string source)
    {
        var file = String(e, "file") ?? throw new InvalidDataException($"{source}: a row has no file");
        var status = String(e, "status");
        if (status is not (ReportRow.StatusOk or ReportRow.StatusError))
        {
            throw new InvalidDataException($"{source}: row '{file}' has status '{status}', neither ok nor error");
        }

        return new ReportRow
        {
            File = file,
            Status = status,
            Label = String(e, "label"),
            Confidence = Double(e, "confidence"),
            Probabilities = Probabilities(e, classNames),
            Review = e.TryGetProperty("review", out var r) && r.ValueKind is JsonValueKind.True or JsonValueKind.False ? r.GetBoolean() : null,
            ReviewReasons = e.TryGetProperty("review_reasons", out var rr) && rr.ValueKind == JsonValueKind.Array
                ? rr.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToList()
                : [],
            Plate = String(e, "plate"),
            Well = String(e, "well"),
            Field = Int(e, "field"),
            Width = Int(e, "width"),
            Height = Int(e, "height"),
            BitDepth = Int(e, "bit_depth"),
            UmPerPixel = Double(e, "um_per_px"),
            Sha256 = String(e, "sha256"),
            Error = String(e, "error"),
            Windows = ReadWindows(e),
        };
    }

    // Rounded like the CSV so the two formats carry the same numbers.
    // Utf8JsonWriter keeps everything it has not flushed in memory: without this a 10,000-row report
    // sat whole in its buffer (grown by doubling) until the end.
    private static void FlushWhenFull(Utf8JsonWriter w)
    {
        if (w.BytesPending > 1 << 16)
        {
            w.Flush();
        }
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, Math.Round(v, 6));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void StringArray(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static void Integer(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static double[]? Probabilities(JsonElement e, IReadOnlyList<string> classNames)
    {
        var values = classNames.Select(c => Double(e, ReportColumns.Probability(c))).ToList();
        return values.All(v => v is null) ? null : [.. values.Select(v => v ?? double.NaN)];
    }

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static double? Double(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDouble() : null;

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : null;
}
