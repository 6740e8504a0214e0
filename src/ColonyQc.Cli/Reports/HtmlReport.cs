using System.Globalization;
using System.Net;
using System.Text;
using ColonyQc.Inference.Preprocessing;
using ColonyQc.Inference.Scoring;

namespace ColonyQc.Cli.Reports;

/// <summary>
/// The HTML report: one self-contained page (inline CSS, thumbnails as PNG data URIs, heatmaps as
/// inline SVG) with the run summary, counts per class, then the images to review, the errors and the
/// rest. The rows are also embedded as JSON (<see cref="DataElementId"/>) so <c>--resume</c> and
/// <c>merge-reports</c> can read the page back.
/// </summary>
internal static class HtmlReport
{
    /// <summary>Id of the <c>script type="application/json"</c> element holding the report rows.</summary>
    public const string DataElementId = "colonyqc-report-data";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// Writes the page. <paramref name="thumbnail"/> renders one file (null when it cannot be shown);
    /// it is called once per scored row while writing, so no more than one image is held at a time.
    /// </summary>
    public static void Write(Stream stream, RunMetadata run, RunSummary summary, IReadOnlyList<ReportRow> rows, Func<ReportRow, Thumbnail?> thumbnail)
    {
        using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        w.NewLine = "\n";
        var review = rows.Where(r => r.IsOk && r.Review == true).OrderBy(r => r.File, StringComparer.Ordinal).ToList();
        var errors = rows.Where(r => !r.IsOk).OrderBy(r => r.File, StringComparer.Ordinal).ToList();
        var rest = rows.Where(r => r.IsOk && r.Review != true).OrderBy(r => r.File, StringComparer.Ordinal).ToList();
        var palette = new ClassPalette(run.ClassNames, run.ClassSeverities);

        w.WriteLine("<!DOCTYPE html>");
        w.WriteLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        w.WriteLine($"<title>ColonyQc report: {E(summary.Rows.ToString(Invariant))} images</title>");
        w.WriteLine("<style>" + Css + "</style></head><body>");
        WriteHeader(w, run, summary, palette);
        WriteSection(w, "review", $"Needs review ({review.Count})", "A person should look at these: the model is unsure, or the image is out of focus, badly exposed, empty or of unknown scale.", review, run.ClassNames, palette, thumbnail);
        WriteErrors(w, errors);
        WriteSection(w, "scored", $"Scored ({rest.Count})", null, rest, run.ClassNames, palette, thumbnail);
        w.Write($"<script type=\"application/json\" id=\"{DataElementId}\">");
        w.Flush();
        JsonReport.Write(stream, run, rows, summary, includeWindows: true);
        w.WriteLine("</script>");
        w.WriteLine("</body></html>");
        w.Flush();
    }

    /// <summary>Reads the rows embedded by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The page holds no ColonyQc report data.</exception>
    public static ReportContent Read(string html, string source)
    {
        var marker = $"<script type=\"application/json\" id=\"{DataElementId}\">";
        var start = html.IndexOf(marker, StringComparison.Ordinal);
        var end = start < 0 ? -1 : html.IndexOf("</script>", start, StringComparison.Ordinal);
        if (start < 0 || end < 0)
        {
            throw new InvalidDataException($"{source}: not a ColonyQc HTML report (no embedded report data)");
        }

        var json = html.AsSpan(start + marker.Length, end - start - marker.Length);
        using var data = new MemoryStream(Encoding.UTF8.GetBytes(json.ToArray()));
        return JsonReport.Read(data, source);
    }

    private static void WriteHeader(StreamWriter w, RunMetadata run, RunSummary summary, ClassPalette palette)
    {
        w.WriteLine("<header><h1>ColonyQc report</h1>");
        w.WriteLine("<p class=\"meta\">");
        w.WriteLine($"Model <code>{E(Path.GetFileName(run.ModelPath))}</code> (<span title=\"{E(run.ModelArchitecture)}\">{E(run.ModelArchitecture.Split(';')[0])}</span>, sha256 <code title=\"{E(run.ModelSha256)}\">{E(Short(run.ModelSha256))}</code>, manifest v{run.ManifestFormatVersion})");
        w.WriteLine($" &middot; ColonyQc {E(run.ToolVersion)} &middot; {E(Utc(run.StartedUtc))} to {E(Utc(run.EndedUtc))} UTC");
        if (run.Shard is not null)
        {
            w.WriteLine($" &middot; shard {E(run.Shard)}");
        }

        w.WriteLine("</p>");
        if (run.Interrupted)
        {
            w.WriteLine("<p class=\"warn\">The run was interrupted: this report holds only the images scored before it stopped.</p>");
        }

        if (run.ScaleNote is not null)
        {
            w.WriteLine($"<p class=\"warn\">{E(run.ScaleNote)}</p>");
        }

        w.WriteLine("</header>");
        w.WriteLine("<section class=\"summary\">");
        foreach (var (name, count) in summary.PerClass)
        {
            w.WriteLine($"<div class=\"tile\" style=\"border-color:{palette.Of(name)}\"><b style=\"color:{palette.Of(name)}\">{count}</b><span>{E(name)}</span></div>");
        }

        w.WriteLine($"<div class=\"tile review\"><b>{summary.Review}</b><span>to review</span></div>");
        w.WriteLine($"<div class=\"tile error\"><b>{summary.Errors}</b><span>errors</span></div>");
        w.WriteLine("<div class=\"facts\">");
        w.WriteLine($"<div>{summary.Rows} images in the report</div>");
        if (summary.ResumedRows > 0)
        {
            w.WriteLine($"<div>{summary.ResumedRows} carried over from the previous report (--resume)</div>");
        }

        if (summary.SkippedDisplayFiles > 0)
        {
            w.WriteLine($"<div>{summary.SkippedDisplayFiles} EVOS display/merged files skipped</div>");
        }

        w.WriteLine($"<div>{summary.ImagesPerSecond.ToString("0.0", Invariant)} images/s, {E(Elapsed(summary.Elapsed))}</div>");
        w.WriteLine("</div></section>");
        w.Write("<p class=\"legend\"><label><input type=\"checkbox\" id=\"show-heat\" checked> show heatmaps</label> (hover over an image to see it plain): each cell is one window the model looked at, coloured by its most likely class, stronger when surer; windows without colony texture are left clear.");
        foreach (var name in run.ClassNames)
        {
            w.Write($" <span class=\"swatch\" style=\"background:{palette.Of(name)}\"></span>{E(name)}");
        }

        w.WriteLine("</p>");
    }

    private static void WriteSection(StreamWriter w, string id, string title, string? note, List<ReportRow> rows, IReadOnlyList<string> classNames, ClassPalette palette, Func<ReportRow, Thumbnail?> thumbnail)
    {
        if (rows.Count == 0)
        {
            return;
        }

        w.WriteLine($"<section id=\"{id}\"><h2>{E(title)}</h2>");
        if (note is not null)
        {
            w.WriteLine($"<p class=\"note\">{E(note)}</p>");
        }

        w.WriteLine("<div class=\"grid\">");
        foreach (var row in rows)
        {
            WriteCard(w, row, classNames, palette, thumbnail(row));
        }

        w.WriteLine("</div></section>");
    }

    private static void WriteCard(StreamWriter w, ReportRow row, IReadOnlyList<string> classNames, ClassPalette palette, Thumbnail? thumb)
    {
        var colour = palette.Of(row.Label);
        w.WriteLine($"<figure class=\"card\" style=\"border-top-color:{colour}\">");
        if (thumb is not null)
        {
            w.Write($"<div class=\"thumb\"><img alt=\"{E(Path.GetFileName(row.File))}\" width=\"{thumb.Width}\" height=\"{thumb.Height}\" src=\"{thumb.DataUri()}\">");
            if (row.Windows is { } grid)
            {
                WriteHeatmap(w, grid, classNames, palette);
            }

            w.WriteLine("</div>");
        }
        else
        {
            w.WriteLine("<div class=\"thumb missing\">no preview</div>");
        }

        w.WriteLine("<figcaption>");
        w.WriteLine($"<div class=\"file\" title=\"{E(row.File)}\">{E(Path.GetFileName(row.File))}</div>");
        w.WriteLine($"<div><span class=\"badge\" style=\"background:{colour}\">{E(row.Label ?? "?")}</span> {Percent(row.Confidence)}</div>");
        for (var c = 0; c < classNames.Count; c++)
        {
            WriteBar(w, classNames[c], palette.At(c), row.Probabilities is { } p && c < p.Count ? p[c] : null);
        }
        if (row.ReviewReasons.Count > 0)
        {
            w.WriteLine($"<div class=\"reasons\">{E(string.Join(", ", row.ReviewReasons.Select(r => r.Replace('_', ' '))))}</div>");
        }

        var place = new List<string>();
        if (row.Plate is not null)
        {
            place.Add("plate " + row.Plate);
        }

        if (row.Well is not null)
        {
            place.Add("well " + row.Well);
        }

        if (row.Field is { } field)
        {
            place.Add("field " + field.ToString(Invariant));
        }

        if (row.Width is { } width && row.Height is { } height)
        {
            place.Add($"{width}x{height}, {row.BitDepth}-bit, {row.UmPerPixel?.ToString("0.###", Invariant)} um/px");
        }

        w.WriteLine($"<div class=\"facts\">{E(string.Join(" · ", place))}</div>");
        w.WriteLine("</figcaption></figure>");
    }

    private static void WriteBar(StreamWriter w, string className, string colour, double? p)
    {
        if (p is not { } value)
        {
            return;
        }

        var pct = (value * 100).ToString("0.#", Invariant);
        w.WriteLine($"<div class=\"bar\"><span class=\"name\">{E(className)}</span><span class=\"track\"><span style=\"width:{pct}%;background:{colour}\"></span></span><span class=\"pct\">{pct}%</span></div>");
    }

    private static void WriteHeatmap(StreamWriter w, WindowGrid grid, IReadOnlyList<string> classNames, ClassPalette palette)
    {
        var classes = classNames.Count;
        var count = grid.Columns * grid.Rows;
        if (classes == 0 || grid.Probabilities.Length < count * classes)
        {
            return;
        }

        var layout = WindowLayout.For(grid.CanonicalWidth, grid.CanonicalHeight, grid.WindowSize, grid.Stride);
        // Each window is drawn as the stride-sized cell at its centre so neighbouring windows tile the
        // image instead of stacking their overlaps into darker bands.
        var cell = Math.Min(grid.Stride, grid.WindowSize);
        var inset = (grid.WindowSize - cell) / 2.0;
        w.Write($"<svg class=\"heat\" viewBox=\"0 0 {grid.CanonicalWidth} {grid.CanonicalHeight}\" preserveAspectRatio=\"none\" aria-hidden=\"true\">");
        for (var i = 0; i < count && i < layout.Count; i++)
        {
            if (i < grid.Voting.Length && !grid.Voting[i])
            {
                continue;
            }

            var p = grid.Probabilities.AsSpan(i * classes, classes);
            var best = WindowAggregator.ArgMax(p);
            // Opacity grows with how far the window is from a uniform guess.
            var certainty = (p[best] - (1.0 / classes)) / (1 - (1.0 / classes));
            var opacity = 0.12 + (0.38 * Math.Clamp(certainty, 0, 1));
            var (x, y) = layout.Origin(i);
            w.Write($"<rect x=\"{(x + inset).ToString("0.#", Invariant)}\" y=\"{(y + inset).ToString("0.#", Invariant)}\" width=\"{cell}\" height=\"{cell}\" fill=\"{palette.At(best)}\" fill-opacity=\"{opacity.ToString("0.##", Invariant)}\"/>");
        }

        w.Write("</svg>");
    }

    private static void WriteErrors(StreamWriter w, List<ReportRow> errors)
    {
        if (errors.Count == 0)
        {
            return;
        }

        w.WriteLine($"<section id=\"errors\"><h2>Errors ({errors.Count})</h2>");
        w.WriteLine("<p class=\"note\">These files could not be scored; the message names the defect.</p><table class=\"errors\"><tr><th>file</th><th>error</th></tr>");
        foreach (var row in errors)
        {
            w.WriteLine($"<tr><td>{E(row.File)}</td><td>{E(row.Error ?? string.Empty)}</td></tr>");
        }

        w.WriteLine("</table></section>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;

    private static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", Invariant);

    private static string Percent(double? p) => p is { } v ? (v * 100).ToString("0.0", Invariant) + "%" : string.Empty;

    private static string Elapsed(TimeSpan t) =>
        t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes} min {t.Seconds} s" : t.TotalSeconds.ToString("0.0", Invariant) + " s";

    private const string Css =
        "body{font:14px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px;color:#1d2330;background:#f5f6f8}"
        + "h1{margin:0 0 4px;font-size:22px}h2{font-size:18px;margin:28px 0 6px}"
        + ".meta{color:#556;margin:0 0 8px}.meta code{font-size:12px}"
        + ".warn{background:#fff4d6;border-left:4px solid #e0a21b;padding:6px 10px;margin:6px 0}"
        + ".summary{display:flex;flex-wrap:wrap;gap:10px;align-items:stretch;margin:14px 0}"
        + ".tile{background:#fff;border:2px solid #ccd;border-radius:8px;padding:8px 16px;min-width:90px;text-align:center}"
        + ".tile b{display:block;font-size:26px}.tile.review{border-color:#6a4fc2}.tile.review b{color:#6a4fc2}"
        + ".tile.error{border-color:#7a7f8c}.tile.error b{color:#7a7f8c}"
        + ".summary .facts{color:#556;display:flex;flex-direction:column;justify-content:center;margin-left:8px}"
        + ".legend{color:#556}.swatch{display:inline-block;width:12px;height:12px;border-radius:2px;margin:0 3px 0 10px;vertical-align:-1px;opacity:.8}"
        + ".note{color:#556;margin:0 0 10px}"
        + ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(272px,1fr));gap:12px}"
        + ".card{margin:0;background:#fff;border-radius:8px;border-top:5px solid #ccd;box-shadow:0 1px 3px rgba(0,0,0,.12);overflow:hidden}"
        + ".thumb{position:relative;line-height:0;background:#222}.thumb img{width:100%;height:auto;display:block}"
        + ".thumb .heat{position:absolute;left:0;top:0;width:100%;height:100%;transition:opacity .15s}"
        + ".thumb:hover .heat,body:has(#show-heat:not(:checked)) .heat{opacity:0}"
        + ".thumb.missing{line-height:120px;text-align:center;color:#aab}"
        + "figcaption{padding:8px 10px 10px}.file{font-weight:600;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}"
        + ".badge{color:#fff;border-radius:4px;padding:1px 7px;font-weight:600}"
        + ".bar{display:flex;align-items:center;gap:6px;font-size:12px;margin-top:3px}.bar .name{width:100px;color:#556}"
        + ".bar .track{flex:1;height:8px;background:#e7e9ee;border-radius:4px;overflow:hidden}.bar .track span{display:block;height:100%}"
        + ".bar .pct{width:44px;text-align:right;color:#556}"
        + ".reasons{margin-top:6px;color:#6a4fc2;font-weight:600;font-size:12px}"
        + "figcaption .facts{margin-top:4px;color:#778;font-size:12px}"
        + "table.errors{border-collapse:collapse;background:#fff;width:100%}table.errors td,table.errors th{border:1px solid #dde;padding:4px 8px;text-align:left;vertical-align:top}"
        + "table.errors td:first-child{white-space:nowrap}";
}
