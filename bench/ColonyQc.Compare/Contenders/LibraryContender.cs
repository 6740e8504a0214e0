using System.Diagnostics;
using ColonyQc.Inference;
using ColonyQc.Inference.Imaging;

namespace ColonyQc.Compare.Contenders;

/// <summary>
/// ColonyQc's library as lab software would call it: one <see cref="ColonyClassifier"/>,
/// <see cref="ColonyClassifier.ScoreAsync"/> over the folder, results streamed to a CSV.
/// "field" input scores each whole field as one window (the scale is set so the field's longer
/// side spans exactly one window, the rest reflected), "windows" scores at the true scale with
/// every window.
/// </summary>
public static class LibraryContender
{
    /// <summary>Runs the contender.</summary>
    public static async Task<RunResult> RunAsync(CompareArguments args)
    {
        var files = ImageFolder.List(args.Directory);
        var setup = Stopwatch.StartNew();
        var classifierOptions = new ClassifierOptions { Threads = args.Threads };
        classifierOptions = args.BatchSize is { } batch ? classifierOptions with { BatchSize = batch } : classifierOptions;
        using var classifier = ColonyClassifier.Load(args.RequireModel(), classifierOptions);
        var manifest = classifier.Manifest;
        var options = new ScoreOptions { UmPerPixel = args.SourceUmPerPixel };
        if (args.Input == "field")
        {
            using var first = ImageDecoder.DecodeFile(files[0]);
            options = new ScoreOptions { UmPerPixel = manifest.UmPerPixel * manifest.WindowSize / Math.Max(first.Width, first.Height) };
        }

        classifier.ScoreBatch(files.Take(args.Warmup).ToList(), options);
        setup.Stop();

        var outPath = args.Out ?? Path.GetTempFileName();
        var errors = 0;
        string? firstError = null;
        var clock = Stopwatch.StartNew();
        using (var csv = new ProbabilityCsv(outPath, manifest.ClassNames))
        {
            await foreach (var score in classifier.ScoreAsync(files, options).ConfigureAwait(false))
            {
                csv.Write(score.Source, score.Probabilities, score.Error);
                if (!score.Ok)
                {
                    errors++;
                    firstError ??= score.Error;
                }
            }
        }

        clock.Stop();
        return new RunResult
        {
            Contender = "colonyqc-library",
            Label = args.Label,
            Input = args.Input,
            Threads = args.Threads,
            Images = files.Count,
            Errors = errors,
            Seconds = clock.Elapsed.TotalSeconds,
            SetupSeconds = setup.Elapsed.TotalSeconds,
            Note = firstError is null
                ? $"ColonyClassifier.ScoreAsync, {classifierOptions.BatchSize} windows per network call, {manifest.WindowSize}px windows at {options.UmPerPixel:0.####} um/px source scale"
                : "first error: " + firstError,
        };
    }
}
