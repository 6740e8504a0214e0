namespace ColonyQc.Cli.Reports;

/// <summary>Reads any ColonyQc report back (CSV, JSON, or the data embedded in HTML), for <c>--resume</c> and <c>merge-reports</c>.</summary>
internal static class ReportFiles
{
    /// <summary>The class set and rows of the report at <paramref name="path"/>, whatever its format.</summary>
    /// <exception cref="InvalidDataException">The file is not a ColonyQc report or its extension is none of csv/json/html.</exception>
    public static ReportContent Read(string path)
    {
        switch (ReportFormats.FromPath(path))
        {
            case ReportFormat.Csv:
                using (var reader = new StreamReader(path))
                {
                    return CsvReport.Read(reader, path);
                }

            case ReportFormat.Json:
                using (var stream = File.OpenRead(path))
                {
                    return JsonReport.Read(stream, path);
                }

            case ReportFormat.Html:
                return HtmlReport.Read(File.ReadAllText(path), path);
            default:
                throw new InvalidDataException($"{path}: a report must end in {ReportFormats.Accepted}");
        }
    }
}
