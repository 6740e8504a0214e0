using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using ColonyQc.Cli.Progress;
using ColonyQc.Cli.Reports;
using ColonyQc.Inference;
using ColonyQc.Inference.Imaging;
using ColonyQc.Inference.Model;
using ColonyQc.Inference.Preprocessing;
using ColonyQc.Inference.Scoring;

namespace ColonyQc.Cli.Scoring;

/// <summary>
/// One run of <c>colonyqc score</c>: find the images, load the model, score (streaming, in order),
/// show progress, write the report atomically, print the summary, and choose the exit code.
/// </summary>
internal sealed class ScoreRun
{
    private readonly ScoreRequest _request;
    private readonly CommandConsole _console;
    private readonly TextWriter _error;
    private readonly ReportFormat _format;

    private ScoreRun(ScoreRequest request, ReportFormat format, TextWriter output, TextWriter error)
    {
        _request = request;
        _format = format;
        _console = new CommandConsole(output, error, request.Verbosity, request.OutIsStandardOutput);
        _error = error;
    }

    /// <summary>The version reports and <c>--version</c> show.</summary>
    public static string ToolVersion { get; } =
        typeof(ScoreRun).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(ScoreRun).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>Runs <paramref name="request"/>; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(ScoreRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } problem)
        {
            await error.WriteLineAsync("colonyqc score: " + problem).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var run = new ScoreRun(request, request.ReportFormat!.Value, output, error);
        return await run.ExecuteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The usage problem with <paramref name="request"/>, or null when it can run.</summary>
    internal static string? Validate(ScoreRequest request)
    {
        if (request.Inputs.Count == 0)
        {
            return "give at least one image file or folder";
        }

        if (request.ReportFormat is null)
        {
            return $"--out '{request.OutPath}': the report must end in {ReportFormats.Accepted} (or give --format)";
        }

        if (request.OutIsStandardOutput && request.Resume)
        {
            return "--resume needs a report file to continue, not --out -";
        }

        if (request.UmPerPixel is not null && request.Objective is not null)
        {
            return "give either --um-per-px or --objective, not both";
        }

        if (request.UmPerPixel is { } um && (!double.IsFinite(um) || um <= 0))
        {
            return $"--um-per-px {um.ToString(CultureInfo.InvariantCulture)}: must be a positive number of micrometres per pixel (0.8625 at 4x)";
        }

        if (request.Objective is { } objective)
        {
            try
            {
                ScaleResolver.ObjectiveUmPerPixel(objective);
            }
            catch (ArgumentException)
            {
                return $"--objective '{objective}' is not a magnification such as 4x, 10x, 20x or 40x";
            }
        }

        if (request.BatchSize < 1)
        {
            return $"--batch-size {request.BatchSize}: must be at least 1";
        }

        if (request.Threads < 1)
        {
            return $"--threads {request.Threads}: must be at least 1";
        }

        return null;
    }

    private async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var found = ImageDiscovery.Find(_request.Inputs, _request.Recursive, _request.IncludeDisplay);
        if (found.MissingInputs.Count > 0)
        {
            // System.CommandLine passes unknown dash tokens through as inputs; say what they most likely are.
            var unknownOptions = found.MissingInputs.Where(i => i.StartsWith('-')).ToList();
            var message = unknownOptions.Count > 0
                ? $"unknown option {string.Join(", ", unknownOptions.Select(Suggest))} (see colonyqc score --help)"
                : $"no such file or folder: {string.Join(", ", found.MissingInputs)}";
            await _error.WriteLineAsync("colonyqc score: " + message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var modelPath = DefaultModelLocator.Resolve(_request.ModelPath);
        if (modelPath is null)
        {
            await _error.WriteLineAsync($"colonyqc score: no model given and the shipped model was not found (looked at {string.Join(", ", DefaultModelLocator.Candidates())}); pass --model path/to/model.onnx").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (!File.Exists(modelPath))
        {
            await _error.WriteLineAsync($"colonyqc score: --model '{modelPath}': no such file").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var images = _request.Shard is { } shard ? found.Images.Where(shard.Contains).ToList() : found.Images;
        if (found.SkippedDisplayFiles > 0)
        {
            _console.Log.WriteLine($"Note: skipped {found.SkippedDisplayFiles} EVOS display/merged (_D_/_M_) files; the raw _R_ files are what to score (--include-display scores them too).");
        }

        if (found.Images.Count == 0)
        {
            await _error.WriteLineAsync($"colonyqc score: no images found in {string.Join(", ", _request.Inputs)}{(_request.Recursive ? string.Empty : " (add --recursive to search sub-folders)")}; images are recognised by content: {string.Join(", ", ImageDecoder.SupportedExtensions)}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        ColonyClassifier classifier;
        try
        {
            classifier = ColonyClassifier.Load(modelPath, new ClassifierOptions { Threads = _request.Threads, BatchSize = _request.BatchSize });
        }
        catch (InvalidModelException ex)
        {
            await _error.WriteLineAsync("colonyqc score: invalid model: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        using (classifier)
        {
            return await ScoreAsync(classifier, images, found.SkippedDisplayFiles, started, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<int> ScoreAsync(ColonyClassifier classifier, IReadOnlyList<DiscoveredImage> images, int skippedDisplay, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var manifest = classifier.Manifest;
        // The architecture's name only: its full string (every hyperparameter) is for 'colonyqc info'.
        _console.Log.WriteLine($"Model: {classifier.ModelPath} ({manifest.Architecture.Split(';')[0]}, {Plural(manifest.ClassNames.Count, "class", "classes")}: {string.Join(", ", manifest.ClassNames)}; {manifest.UmPerPixel.ToString("0.###", CultureInfo.InvariantCulture)} um/px canonical)");
        _console.Detail.WriteLine($"Model architecture: {manifest.Architecture}; manifest v{manifest.FormatVersion}; sha256 {classifier.ModelSha256}");
        if (_request.OutIsDefault)
        {
            _console.Log.WriteLine($"No --out given: the report goes to {ScoreRequest.DefaultReport} in the current folder.");
        }

        Dictionary<string, ReportRow> rows;
        List<DiscoveredImage> toScore;
        try
        {
            (rows, toScore) = Resume(images, manifest.ClassNames);
        }
        catch (InvalidDataException ex)
        {
            await _error.WriteLineAsync("colonyqc score: --resume: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var resumed = rows.Count;
        var options = new ScoreOptions { UmPerPixel = _request.UmPerPixel, Objective = _request.Objective, ComputeSha256 = true };
        _console.Log.WriteLine($"Scoring {toScore.Count} of {Plural(images.Count, "image", "images")}{(_request.Shard is { } s ? $" (shard {s})" : string.Empty)} with {Plural(_request.Threads, "thread", "threads")}, batch {_request.BatchSize}; scale: {ScaleDescription(options)}.");

        var progress = new ScoringProgress(_console.Log, _console.LogIsTerminal, toScore.Count);

        // The rows scored now go to disk as they come (CSV and JSON reports), so memory does not grow
        // with the run; only the HTML report, which draws every image's windows, keeps them in memory.
        using var spill = _format == ReportFormat.Html ? null : new ReportRowSpill(manifest.ClassNames);
        var interrupted = false;
        var processed = 0;
        var lastCheckpoint = Stopwatch.StartNew();
        try
        {
            var index = 0;
            await foreach (var score in classifier.ScoreAsync(toScore.Select(i => i.Path), options, progress: null, cancellationToken).ConfigureAwait(false))
            {
                var image = toScore[index++];
                var row = ReportRowFactory.FromScore(image.Path, score);
                if (spill is null)
                {
                    rows[image.Path] = row;
                }
                else
                {
                    spill.Add(row);
                }

                processed++;
                progress.Advance(!score.Ok);
                if (!score.Ok)
                {
                    _console.Detail.WriteLine($"failed: {image.Path}: {score.Error}");
                }

                if (_format != ReportFormat.Html && !_request.OutIsStandardOutput && lastCheckpoint.Elapsed >= _request.CheckpointInterval && index < toScore.Count)
                {
                    // A killed job (wall-time limit, kill -9) then leaves its work for --resume.
                    WriteReport(rows, spill, classifier, started, skippedDisplay, resumed, processed, progress.Elapsed, interrupted: true);
                    lastCheckpoint.Restart();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            interrupted = true;
        }
        catch (Exception)
        {
            // Keep what was scored before the failure, then let the failure surface as exit code 1.
            WriteReport(rows, spill, classifier, started, skippedDisplay, resumed, processed, progress.Elapsed, interrupted: true);
            throw;
        }

        // A classifier may also end the stream early on cancellation instead of throwing.
        interrupted |= processed < toScore.Count && cancellationToken.IsCancellationRequested;
        progress.Finish();
        if (interrupted)
        {
            _console.Log.WriteLine($"Interrupted: writing the report of the {processed} images scored so far.");
        }

        var summary = WriteReport(rows, spill, classifier, started, skippedDisplay, resumed, processed, progress.Elapsed, interrupted);
        SummaryTable.Write(_console.Result, summary);
        var reportName = _request.OutIsStandardOutput ? "standard output" : Path.GetFullPath(_request.OutPath);
        _console.Result.WriteLine($"Report: {reportName}");
        ReviewList.Write(_console.Result, summary, reportName);
        if (interrupted)
        {
            return ExitCodes.Interrupted;
        }

        if (summary.Errors > 0)
        {
            _console.Result.WriteLine($"{Plural(summary.Errors, "file", "files")} could not be scored: see the error column of the report.");
            return ExitCodes.SomeFilesFailed;
        }

        return ExitCodes.Success;
    }

    // Rows of the previous report are kept when their file is unchanged (same sha256) and was scored;
    // error rows are retried. Rows for files outside this run are kept as they were, so resuming never
    // loses work.
    private (Dictionary<string, ReportRow> Rows, List<DiscoveredImage> ToScore) Resume(IReadOnlyList<DiscoveredImage> images, IReadOnlyList<string> classNames)
    {
        var rows = new Dictionary<string, ReportRow>(StringComparer.Ordinal);
        if (!_request.Resume || !File.Exists(_request.OutPath))
        {
            if (_request.Resume)
            {
                _console.Log.WriteLine($"--resume: {_request.OutPath} does not exist yet, scoring everything.");
            }

            return (rows, images.ToList());
        }

        var previous = ReportFiles.Read(_request.OutPath);
        if (!previous.ClassNames.SequenceEqual(classNames, StringComparer.Ordinal))
        {
            throw new InvalidDataException(
                $"{_request.OutPath}: the report's class columns ({string.Join(", ", previous.ClassNames.Select(ReportColumns.Probability))}) are not this model's "
                + $"({string.Join(", ", classNames.Select(ReportColumns.Probability))}); resume with the model that wrote it, or write to another --out");
        }

        foreach (var row in previous.Rows)
        {
            rows[row.File] = row;
        }

        var toScore = new List<DiscoveredImage>();
        var kept = 0;
        foreach (var image in images)
        {
            if (rows.TryGetValue(image.Path, out var row) && row.IsOk && row.Sha256 is { } sha && string.Equals(sha, Sha256Of(image.Path), StringComparison.OrdinalIgnoreCase))
            {
                kept++;
                continue;
            }

            rows.Remove(image.Path);
            toScore.Add(image);
        }

        _console.Log.WriteLine($"--resume: kept {kept} unchanged rows of {_request.OutPath}; {toScore.Count} files to score.");
        return (rows, toScore);
    }

    // The report's rows in file order: the rows in memory (kept by --resume, or every row of an HTML
    // report) merged with the rows spilled to disk in this run, which are already in file order.
    // Enumerated twice per report (counts for the header, then the rows), from disk each time.
    private static IEnumerable<ReportRow> ReportRows(Dictionary<string, ReportRow> inMemory, ReportRowSpill? spill)
    {
        var kept = inMemory.Values.OrderBy(r => r.File, StringComparer.Ordinal);
        return spill is null ? kept : MergeByFile(kept, spill.Rows());
    }

    private static IEnumerable<ReportRow> MergeByFile(IEnumerable<ReportRow> first, IEnumerable<ReportRow> second)
    {
        using var a = first.GetEnumerator();
        using var b = second.GetEnumerator();
        bool hasA = a.MoveNext(), hasB = b.MoveNext();
        while (hasA || hasB)
        {
            if (hasA && (!hasB || string.CompareOrdinal(a.Current.File, b.Current.File) <= 0))
            {
                yield return a.Current;
                hasA = a.MoveNext();
            }
            else
            {
                yield return b.Current;
                hasB = b.MoveNext();
            }
        }
    }

    private RunSummary WriteReport(Dictionary<string, ReportRow> inMemory, ReportRowSpill? spill, ColonyClassifier classifier, DateTimeOffset started, int skippedDisplay, int resumed, int processed, TimeSpan elapsed, bool interrupted)
    {
        var rows = ReportRows(inMemory, spill);
        var manifest = classifier.Manifest;
        var summary = RunSummary.From(rows, manifest.ClassNames, skippedDisplay, resumed, processed, elapsed);
        var run = new RunMetadata
        {
            ToolVersion = ToolVersion,
            ModelPath = Path.GetFullPath(classifier.ModelPath),
            ModelSha256 = classifier.ModelSha256,
            ManifestFormatVersion = manifest.FormatVersion,
            ModelArchitecture = manifest.Architecture,
            ClassNames = manifest.ClassNames,
            ClassSeverities = manifest.Severities(),
            Options = Options(),
            StartedUtc = started,
            EndedUtc = DateTimeOffset.UtcNow,
            Interrupted = interrupted,
            ScaleNote = ScaleNote(rows),
            SkippedDisplayFiles = skippedDisplay,
            ResumedRows = resumed,
            Shard = _request.Shard?.ToString(),
        };

        void Write(Stream stream)
        {
            switch (_format)
            {
                case ReportFormat.Csv:
                    using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
                    {
                        CsvReport.Write(writer, manifest.ClassNames, rows);
                    }

                    break;
                case ReportFormat.Json:
                    JsonReport.Write(stream, run, rows, summary);
                    break;
                case ReportFormat.Html:
                    HtmlReport.Write(stream, run, summary, rows.ToList(), RenderThumbnail);
                    break;
            }
        }

        if (_request.OutIsStandardOutput)
        {
            // The report is the command's output: written once, at the end (no checkpoints to a pipe).
            if (!interrupted || processed > 0)
            {
                using var buffer = new MemoryStream();
                Write(buffer);
                _console.Data.Write(new UTF8Encoding(false).GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
                _console.Data.Flush();
            }
        }
        else
        {
            AtomicFileWriter.Write(_request.OutPath, Write);
        }

        return summary;
    }

    private Thumbnail? RenderThumbnail(ReportRow row)
    {
        if (!row.IsOk)
        {
            return null;
        }

        try
        {
            return Thumbnail.FromFile(row.File);
        }
        catch (Exception ex) when (ex is InvalidImageException or IOException or UnauthorizedAccessException)
        {
            // The row was scored earlier (e.g. kept by --resume) and the file has gone or changed since.
            _error.WriteLine($"colonyqc score: no thumbnail for {row.File}: {ex.Message}");
            return null;
        }
    }

    // Typed values (numbers, booleans, a list of inputs, null for "not given"), so a JSON reader needs no parsing.
    private Dictionary<string, object?> Options() => new()
    {
        ["inputs"] = _request.Inputs,
        ["model"] = _request.ModelPath,
        ["out"] = _request.OutPath,
        ["format"] = _format.ToString().ToLowerInvariant(),
        ["recursive"] = _request.Recursive,
        ["batch-size"] = _request.BatchSize,
        ["threads"] = _request.Threads,
        ["um-per-px"] = _request.UmPerPixel,
        ["objective"] = _request.Objective,
        ["shard"] = _request.Shard?.ToString(),
        ["resume"] = _request.Resume,
        ["include-display"] = _request.IncludeDisplay,
    };

    private static string Plural(int count, string one, string many) => Wording.Plural(count, one, many);

    private static string Suggest(string option) =>
        TypoSuggestions.Closest(option, Commands.ScoreCommand.OptionNames.Value) is { } match ? $"{option} (did you mean {match}?)" : option;

    private static string ScaleDescription(ScoreOptions options)
    {
        var c = CultureInfo.InvariantCulture;
        if (options.UmPerPixel is { } um)
        {
            return $"{um.ToString("0.####", c)} um/px (--um-per-px)";
        }

        if (options.Objective is { } objective)
        {
            return $"{ScaleResolver.ObjectiveUmPerPixel(objective).ToString("0.####", c)} um/px ({objective} objective)";
        }

        return $"from each file's resolution tags, else assumed {options.AssumedUmPerPixel.ToString("0.####", c)} um/px (4x; such images go to review: pass --um-per-px or --objective)";
    }

    private static string? ScaleNote(IEnumerable<ReportRow> rows)
    {
        int total = 0, assumed = 0;
        double? firstUm = null;
        foreach (var r in rows)
        {
            total++;
            if (r.ReviewReasons.Contains(ReviewReason.ScaleAssumed))
            {
                firstUm ??= r.UmPerPixel ?? double.NaN;
                assumed++;
            }
        }

        if (assumed == 0)
        {
            return null;
        }

        var um = firstUm is { } v && !double.IsNaN(v) ? v.ToString("0.####", CultureInfo.InvariantCulture) : "?";
        return $"No scale was given (--um-per-px or --objective) and {assumed} of {total} images carry none in the file: {um} um/px (a 4x objective on the EVOS camera) was assumed for them, and they are marked for review (scale_assumed).";
    }

    private static string Sha256Of(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
