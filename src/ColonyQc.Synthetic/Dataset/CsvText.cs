namespace ColonyQc.Synthetic.Dataset;

/// <summary>RFC 4180 quoting for the few text cells the data set writes.</summary>
internal static class CsvText
{
    public static string Cell(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
