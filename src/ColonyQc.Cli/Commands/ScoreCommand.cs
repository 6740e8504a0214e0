using System.CommandLine;
using ColonyQc.Cli.Progress;
using ColonyQc.Cli.Reports;
using ColonyQc.Cli.Scoring;

namespace ColonyQc.Cli.Commands;

/// <summary><c>colonyqc score</c>: scores image files and folders into a CSV, JSON or HTML report.</summary>
internal static class ScoreCommand
{
    /// <summary>Every option name and alias of the command, for "did you mean" on a mistyped one.</summary>
    public static readonly Lazy<IReadOnlyList<string>> OptionNames = new(() => [.. Create().Options.SelectMany(o => o.Aliases.Prepend(o.Name)), "--quiet", "--verbose"]);

    /// <summary>Builds the command; options are grouped by purpose and say which way to turn them.</summary>
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Image files and/or folders. Images are recognised by content (TIFF, PNG, JPEG, BMP), not by extension.",
            Arity = ArgumentArity.OneOrMore,
        };

        // Input
        var recursive = new Option<bool>("--recursive", "-r") { Description = "[input] Also search the sub-folders of each folder." };
        var includeDisplay = new Option<bool>("--include-display")
        {
            Description = "[input] Also score EVOS display (_D_) and merged (_M_) renderings. Off by default: the raw (_R_) file of a plate scan is the one to score.",
        };

        // Scale
        var umPerPx = new Option<double?>("--um-per-px")
        {
            Description = "[scale] Micrometres per pixel of every image; overrides the file's resolution tags. Higher magnification = smaller value (0.8625 at 4x, 0.345 at 10x on an EVOS).",
        };
        var objective = new Option<string?>("--objective")
        {
            Description = "[scale] The objective used (4x, 10x, 20x, 40x); the scale follows from the EVOS 3.45 um camera pixel. Give this or --um-per-px; with neither, the file's tags or 0.8625 um/px (sent to review) are used.",
        };

        // Model
        var model = new Option<string?>("--model", "-m") { Description = "[model] The .onnx model file. Default (or 'shipped'): the model shipped with the tool." };

        // Output
        var output = new Option<string?>("--out", "-o")
        {
            Description = $"[output] The report; its extension picks the format: .csv (rows), .json (rows + run metadata and summary) or .html (one page with thumbnails and heatmaps); - writes it to standard output (progress and notes stay on standard error). Default: {ScoreRequest.DefaultReport} in the current folder.",
        };
        var format = new Option<ReportFormat?>("--format")
        {
            Description = "[output] csv, json or html, when --out does not say by its extension (e.g. --out - writes the report to standard output: csv unless --format says otherwise).",
        };
        var resume = new Option<bool>("--resume")
        {
            Description = "[output] Keep the rows of the existing --out report for files that are unchanged (same sha256) and score only the rest; use after an interrupted run.",
        };

        // Cluster
        var shard = new Option<string?>("--shard")
        {
            Description = "[cluster] Score only part K of N of the file list (e.g. 3/10), split by a stable hash of each file's path; run N jobs with K=1..N, then 'colonyqc merge-reports'.",
        };

        // Performance
        var threads = new Option<int>("--threads")
        {
            Description = "[performance] Threads for decoding and inference. More = faster up to the number of cores; fewer leaves cores for other work. Default: all cores.",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var batchSize = new Option<int>("--batch-size")
        {
            Description = "[performance] Windows in each inference call. Results do not depend on it; 4-32 is sensible. Default: the library's (see docs/performance.md).",
            DefaultValueFactory = _ => ColonyQc.Inference.ClassifierOptions.Default.BatchSize,
        };

        var command = new Command("score", "Score microscope images of iPSC colonies as good, differentiating or abnormal, and write a report (exit code 0: all scored, 3: some files failed, 2: usage error).")
        {
            inputs, recursive, includeDisplay, umPerPx, objective, model, output, format, resume, shard, threads, batchSize,
        };

        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            // System.CommandLine starts the action first and registers its SIGINT/SIGTERM handlers after the
            // action's first yield: without this, a signal during image discovery or model load (which
            // print the first lines) would kill the process the default way instead of stopping it cleanly.
            await Task.Yield();
            var error = result.InvocationConfiguration.Error;
            ShardSpec? shardSpec = null;
            if (result.GetValue(shard) is { } shardText && !ShardSpec.TryParse(shardText, out shardSpec, out var shardError))
            {
                await error.WriteLineAsync("colonyqc score: " + shardError).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var outPath = result.GetValue(output);
            var request = new ScoreRequest
            {
                Inputs = result.GetValue(inputs) ?? [],
                ModelPath = result.GetValue(model),
                OutPath = outPath ?? ScoreRequest.DefaultReport,
                OutIsDefault = outPath is null,
                Format = result.GetValue(format),
                Verbosity = VerbosityOptions.Of(result),
                Recursive = result.GetValue(recursive),
                IncludeDisplay = result.GetValue(includeDisplay),
                UmPerPixel = result.GetValue(umPerPx),
                Objective = result.GetValue(objective),
                Resume = result.GetValue(resume),
                Shard = shardSpec,
                Threads = result.GetValue(threads),
                BatchSize = result.GetValue(batchSize),
            };
            return await ScoreRun.RunAsync(request, result.InvocationConfiguration.Output, error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
