using System.CommandLine;
using System.Text;
using ColonyQc.Cli.Reports;

namespace ColonyQc.Cli.Commands;

/// <summary>
/// <c>colonyqc merge-reports A B ... --out all.csv</c>: joins the reports of <c>--shard</c> jobs (or of
/// any runs) into one, sorted by file. A file present in several reports keeps one row: a scored row
/// wins over an error row, otherwise the report given later wins.
/// </summary>
internal static class MergeReportsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var reports = new Argument<string[]>("reports")
        {
            Description = "Reports to merge (.csv, .json or .html written by colonyqc score).",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "The merged report: .csv or .json.",
            Required = true,
        };
        var command = new Command("merge-reports", "Merge score reports (e.g. of --shard K/N cluster jobs) into one report sorted by file.") { reports, output };
        command.SetAction((ParseResult result) =>
        {
            var error = result.InvocationConfiguration.Error;
            var outPath = result.GetValue(output)!;
            var format = ReportFormats.FromPath(outPath);
            if (format is not (ReportFormat.Csv or ReportFormat.Json))
            {
                error.WriteLine($"colonyqc merge-reports: --out '{outPath}': the merged report must end in .csv or .json");
                return ExitCodes.Usage;
            }

            var sources = result.GetValue(reports) ?? [];
            var merged = new Dictionary<string, ReportRow>(StringComparer.Ordinal);
            var duplicates = 0;
            IReadOnlyList<string>? classNames = null;
            string? firstSource = null;
            foreach (var source in sources)
            {
                if (!File.Exists(source))
                {
                    error.WriteLine($"colonyqc merge-reports: '{source}': no such file");
                    return ExitCodes.Usage;
                }

                ReportContent report;
                try
                {
                    report = ReportFiles.Read(source);
                }
                catch (InvalidDataException ex)
                {
                    error.WriteLine("colonyqc merge-reports: " + ex.Message);
                    return ExitCodes.Usage;
                }

                // Shards of one run share a model; reports of models with other classes cannot share columns.
                if (classNames is null)
                {
                    (classNames, firstSource) = (report.ClassNames, source);
                }
                else if (!classNames.SequenceEqual(report.ClassNames, StringComparer.Ordinal))
                {
                    error.WriteLine($"colonyqc merge-reports: '{source}' has the class columns {string.Join(", ", report.ClassNames.Select(ReportColumns.Probability))}, but '{firstSource}' has {string.Join(", ", classNames.Select(ReportColumns.Probability))}: only reports of models with the same classes merge");
                    return ExitCodes.Usage;
                }

                foreach (var row in report.Rows)
                {
                    if (merged.TryGetValue(row.File, out var existing))
                    {
                        duplicates++;
                        if (existing.IsOk && !row.IsOk)
                        {
                            continue;
                        }
                    }

                    merged[row.File] = row;
                }
            }

            var ordered = merged.Values.OrderBy(r => r.File, StringComparer.Ordinal).ToList();
            AtomicFileWriter.Write(outPath, stream =>
            {
                if (format == ReportFormat.Csv)
                {
                    using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
                    CsvReport.Write(writer, classNames ?? [], ordered);
                }
                else
                {
                    JsonReport.WriteMerged(stream, sources, classNames ?? [], ordered);
                }
            });

            var o = result.InvocationConfiguration.Output;
            o.WriteLine($"Merged {sources.Length} reports: {ordered.Count} files ({ordered.Count(r => !r.IsOk)} errors) into {Path.GetFullPath(outPath)}.");
            if (duplicates > 0)
            {
                o.WriteLine($"{duplicates} rows named a file already seen in an earlier report and were merged into one row each (a scored row wins over an error row, else the later report wins).");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
