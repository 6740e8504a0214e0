namespace ColonyQc.Cli.Reports;

/// <summary>A report read back: the class set its probability columns stand for, and its rows.</summary>
/// <param name="ClassNames">The classes of the model that wrote it, in its order.</param>
/// <param name="Rows">The rows, in the report's order.</param>
internal sealed record ReportContent(IReadOnlyList<string> ClassNames, IReadOnlyList<ReportRow> Rows);
