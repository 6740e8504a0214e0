using System.CommandLine;
using System.Text;
using ColonyQc.Cli.Scoring;
using ColonyQc.Inference.Model;
using ColonyQc.Training.Data;
using ColonyQc.Training.Evaluation;
using ColonyQc.Training.Training;

namespace ColonyQc.Cli.Commands;

/// <summary>
/// <c>colonyqc evaluate</c>: scores labelled images with a model in ONNX Runtime through the
/// scoring library's preprocessing and aggregation, and reports confusion matrix, per-class figures, macro-F1, log-loss, calibration error
/// and coverage at the review threshold.
/// </summary>
internal static class EvaluateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var model = new Option<string?>("--model", "-m") { Description = "The .onnx model to evaluate; default (or 'shipped'): the model shipped with the tool." };
        var data = new Option<string>("--data") { Description = "Labelled images: class subfolders, a folder with labels.csv, or a CSV manifest path,label[,group].", Required = true };
        var output = new Option<string?>("--out", "-o") { Description = "Write the metrics as JSON here (e.g. metrics.json)." };
        var report = new Option<string?>("--report") { Description = "Write a self-contained HTML report here (confusion matrix, reliability diagram)." };
        var umPerPx = new Option<double?>("--um-per-px") { Description = "Source micrometres per pixel for every image (default: TIFF resolution tags, else 0.8625)." };
        var objective = new Option<string?>("--objective") { Description = "Objective of every image (4x, 10x, 20x, 40x) when --um-per-px is not given." };
        var threads = new Option<int>("--threads") { Description = "CPU threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("evaluate", "Evaluate a model on labelled images: confusion matrix, per-class precision/recall/F1, macro-F1, log-loss, calibration error, coverage at the review threshold.")
        {
            model, data, output, report, umPerPx, objective, threads,
        };

        command.SetAction((ParseResult result, CancellationToken cancellationToken) =>
        {
            var o = result.InvocationConfiguration.Output;
            var e = result.InvocationConfiguration.Error;
            var modelPath = DefaultModelLocator.Resolve(result.GetValue(model));
            if (modelPath is null)
            {
                e.WriteLine(DefaultModelLocator.Missing("evaluate"));
                return Task.FromResult(ExitCodes.Usage);
            }

            var dataPath = result.GetValue(data)!;
            try
            {
                var threadCount = Math.Max(1, result.GetValue(threads));
                using var scorer = OnnxModelScorer.Load(modelPath, 1);
                var set = LabelledImageSet.Load(dataPath, new DataLoadOptions { ClassNames = scorer.Manifest.ClassNames });
                var scale = new ScaleOptions { UmPerPixel = result.GetValue(umPerPx), Objective = result.GetValue(objective) };
                var loaded = CanonicalImageLoader.Load(set, scorer.Manifest.UmPerPixel, scale, threadCount, cancellationToken);
                foreach (var skipped in loaded.Skipped)
                {
                    o.WriteLine($"skipped {skipped.Path}: {skipped.Reason}");
                }

                var evaluation = ModelEvaluator.Evaluate(scorer, loaded.Images, threadCount, cancellationToken);

                o.Write(EvaluationReport.ToText(evaluation.Metrics));
                if (result.GetValue(output) is { } json)
                {
                    Write(json, EvaluationReport.ToJson(evaluation.Metrics));
                    o.WriteLine($"metrics written to {json}");
                }

                if (result.GetValue(report) is { } html)
                {
                    Write(html, EvaluationReport.ToHtml(evaluation.Metrics, Path.GetFileName(modelPath), dataPath));
                    o.WriteLine($"report written to {html}");
                }

                return Task.FromResult(loaded.Skipped.Count > 0 ? 3 /* some files failed */ : 0);
            }
            catch (OperationCanceledException)
            {
                e.WriteLine("colonyqc evaluate: interrupted");
                return Task.FromResult(130 /* interrupted */);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidDataException or DirectoryNotFoundException or FileNotFoundException or InvalidModelException)
            {
                e.WriteLine("colonyqc evaluate: " + ex.Message);
                return Task.FromResult(2 /* usage */);
            }
        });
        return command;
    }

    private static void Write(string path, string text)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        RunFolder.WriteAtomically(path, temp => File.WriteAllText(temp, text, new UTF8Encoding(false)));
    }
}
