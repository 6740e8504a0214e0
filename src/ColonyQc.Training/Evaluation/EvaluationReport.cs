using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ColonyQc.Training.Calibration;

namespace ColonyQc.Training.Evaluation;

/// <summary>
/// Writes <see cref="EvaluationMetrics"/> as JSON, as a plain-text summary for the console, and as
/// one self-contained HTML page (confusion matrix table, per-class figures and an inline SVG
/// reliability diagram; no scripts, no external files).
/// </summary>
public static class EvaluationReport
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The metrics as indented camelCase JSON.</summary>
    public static string ToJson(EvaluationMetrics metrics) => JsonSerializer.Serialize(metrics, Json);

    /// <summary>A short plain-text summary: headline figures, per-class table, confusion matrix.</summary>
    public static string ToText(EvaluationMetrics m)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"images {m.Images}: macro-F1 {m.MacroF1:F4}, accuracy {m.Accuracy:F4}, log-loss {m.LogLoss:F4}");
        text.AppendLine(inv, $"calibration error (15 bins): {m.EceBeforeTemperature:F4} at T=1, {m.EceAfterTemperature:F4} at T={m.Temperature:F3}");
        text.AppendLine(inv, $"review threshold {m.ReviewThreshold:F4}: {m.CoverageAtThreshold:P1} decided automatically, {m.AccuracyAtThreshold:P1} of them right");
        var width = Math.Max(10, m.ClassNames.Max(c => c.Length) + 2);
        text.AppendLine(inv, $"{"class".PadRight(width)} precision  recall      F1  support");
        foreach (var c in m.PerClass)
        {
            text.AppendLine(inv, $"{c.Name.PadRight(width)} {c.Precision,9:F4} {c.Recall,7:F4} {c.F1,7:F4} {c.Support,8}");
        }

        text.AppendLine("confusion matrix (rows: true class, columns: predicted):");
        text.AppendLine(string.Concat("".PadRight(width), string.Concat(m.ClassNames.Select(c => c.PadLeft(width)))));
        for (var r = 0; r < m.ClassNames.Count; r++)
        {
            text.AppendLine(string.Concat(m.ClassNames[r].PadRight(width), string.Concat(m.ConfusionMatrix[r].Select(v => v.ToString(inv).PadLeft(width)))));
        }

        return text.ToString();
    }

    /// <summary>One self-contained HTML page for <paramref name="m"/>, titled with the model and data names.</summary>
    public static string ToHtml(EvaluationMetrics m, string modelName, string dataName)
    {
        var inv = CultureInfo.InvariantCulture;
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>ColonyQc evaluation</title><style>");
        html.AppendLine("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:.35em .7em;text-align:right}th{background:#f0f0f0}td.name,th.name{text-align:left}.diag{background:#d8f0d8;font-weight:bold}.grid{display:flex;gap:3em;flex-wrap:wrap}");
        html.AppendLine("</style></head><body>");
        html.AppendLine(inv, $"<h1>ColonyQc evaluation</h1><p>Model <code>{Encode(modelName)}</code> on <code>{Encode(dataName)}</code>: {m.Images} images.</p>");
        html.AppendLine("<table><tr><th class=\"name\">figure</th><th>value</th></tr>");
        Row(html, "macro-F1", m.MacroF1.ToString("F4", inv));
        Row(html, "accuracy", m.Accuracy.ToString("F4", inv));
        Row(html, "macro accuracy (mean recall)", m.MacroAccuracy.ToString("F4", inv));
        Row(html, "log-loss", m.LogLoss.ToString("F4", inv));
        Row(html, "temperature", m.Temperature.ToString("F3", inv));
        Row(html, "ECE before temperature (15 bins)", m.EceBeforeTemperature.ToString("F4", inv));
        Row(html, "ECE after temperature (15 bins)", m.EceAfterTemperature.ToString("F4", inv));
        Row(html, "review threshold", m.ReviewThreshold.ToString("F4", inv));
        Row(html, "coverage at threshold", m.CoverageAtThreshold.ToString("P1", inv));
        Row(html, "accuracy at threshold", m.AccuracyAtThreshold.ToString("P1", inv));
        html.AppendLine("</table>");

        html.AppendLine("<div class=\"grid\"><div><h2>Confusion matrix</h2><p>Rows: true class; columns: predicted class.</p><table><tr><th class=\"name\">true \\ predicted</th>");
        foreach (var c in m.ClassNames)
        {
            html.Append(inv, $"<th>{Encode(c)}</th>");
        }

        html.AppendLine("</tr>");
        for (var r = 0; r < m.ClassNames.Count; r++)
        {
            html.Append(inv, $"<tr><th class=\"name\">{Encode(m.ClassNames[r])}</th>");
            for (var c = 0; c < m.ClassNames.Count; c++)
            {
                html.Append(inv, $"<td{(r == c ? " class=\"diag\"" : string.Empty)}>{m.ConfusionMatrix[r][c]}</td>");
            }

            html.AppendLine("</tr>");
        }

        html.AppendLine("</table><h2>Per class</h2><table><tr><th class=\"name\">class</th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr>");
        foreach (var c in m.PerClass)
        {
            html.AppendLine(inv, $"<tr><td class=\"name\">{Encode(c.Name)}</td><td>{c.Precision:F4}</td><td>{c.Recall:F4}</td><td>{c.F1:F4}</td><td>{c.Support}</td></tr>");
        }

        html.AppendLine("</table></div><div><h2>Reliability diagram</h2><p>Accuracy against confidence per bin; the diagonal is perfect calibration.</p>");
        html.AppendLine(ReliabilitySvg(m.ReliabilityBefore, m.ReliabilityAfter));
        html.AppendLine("</div></div></body></html>");
        return html.ToString();
    }

    private static string ReliabilitySvg(IReadOnlyList<ReliabilityBin> before, IReadOnlyList<ReliabilityBin> after)
    {
        const double Size = 320, Margin = 40;
        var inv = CultureInfo.InvariantCulture;
        var svg = new StringBuilder();
        svg.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Size + (2 * Margin)}\" height=\"{Size + (2 * Margin)}\" role=\"img\" aria-label=\"reliability diagram\">");
        svg.Append(inv, $"<rect x=\"{Margin}\" y=\"{Margin}\" width=\"{Size}\" height=\"{Size}\" fill=\"#fafafa\" stroke=\"#888\"/>");
        svg.Append(inv, $"<line x1=\"{Margin}\" y1=\"{Margin + Size}\" x2=\"{Margin + Size}\" y2=\"{Margin}\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>");
        for (var t = 0; t <= 4; t++)
        {
            var v = t / 4.0;
            svg.Append(inv, $"<text x=\"{Margin + (v * Size)}\" y=\"{Margin + Size + 16}\" font-size=\"11\" text-anchor=\"middle\">{v:F2}</text>");
            svg.Append(inv, $"<text x=\"{Margin - 6}\" y=\"{Margin + Size - (v * Size) + 4}\" font-size=\"11\" text-anchor=\"end\">{v:F2}</text>");
        }

        svg.Append(inv, $"<text x=\"{Margin + (Size / 2)}\" y=\"{Margin + Size + 32}\" font-size=\"12\" text-anchor=\"middle\">confidence</text>");
        svg.Append(inv, $"<text x=\"12\" y=\"{Margin + (Size / 2)}\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 12 {Margin + (Size / 2)})\">accuracy</text>");
        Bars(svg, after, "#3a7bd5", Size, Margin, 0.0);
        Markers(svg, before, "#d5803a", Size, Margin);
        svg.Append(inv, $"<rect x=\"{Margin + 8}\" y=\"{Margin + 8}\" width=\"10\" height=\"10\" fill=\"#3a7bd5\"/><text x=\"{Margin + 22}\" y=\"{Margin + 17}\" font-size=\"11\">after temperature</text>");
        svg.Append(inv, $"<circle cx=\"{Margin + 13}\" cy=\"{Margin + 30}\" r=\"4\" fill=\"#d5803a\"/><text x=\"{Margin + 22}\" y=\"{Margin + 34}\" font-size=\"11\">before (T=1)</text>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void Bars(StringBuilder svg, IReadOnlyList<ReliabilityBin> bins, string colour, double size, double margin, double inset)
    {
        var inv = CultureInfo.InvariantCulture;
        foreach (var b in bins.Where(b => b.Count > 0))
        {
            var x = margin + (b.Lower * size) + inset + 1;
            var w = ((b.Upper - b.Lower) * size) - 2;
            var h = b.Accuracy * size;
            svg.Append(inv, $"<rect x=\"{x:F1}\" y=\"{margin + size - h:F1}\" width=\"{w:F1}\" height=\"{h:F1}\" fill=\"{colour}\" fill-opacity=\"0.75\"><title>{b.Lower:F2}-{b.Upper:F2}: {b.Count} images, accuracy {b.Accuracy:F3}, confidence {b.MeanConfidence:F3}</title></rect>");
        }
    }

    private static void Markers(StringBuilder svg, IReadOnlyList<ReliabilityBin> bins, string colour, double size, double margin)
    {
        var inv = CultureInfo.InvariantCulture;
        foreach (var b in bins.Where(b => b.Count > 0))
        {
            svg.Append(inv, $"<circle cx=\"{margin + (b.MeanConfidence * size):F1}\" cy=\"{margin + size - (b.Accuracy * size):F1}\" r=\"4\" fill=\"{colour}\"><title>T=1, {b.Count} images: accuracy {b.Accuracy:F3} at confidence {b.MeanConfidence:F3}</title></circle>");
        }
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.AppendLine(CultureInfo.InvariantCulture, $"<tr><td class=\"name\">{Encode(name)}</td><td>{Encode(value)}</td></tr>");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
