using System.CommandLine;
using System.Globalization;
using ColonyQc.Inference.Model;
using ColonyQc.Training.Calibration;
using ColonyQc.Training.Data;

namespace ColonyQc.Cli.Commands;

/// <summary>
/// <c>colonyqc recalibrate-gate</c>: recalibrates a trained model's quality-gate limits (window
/// texture for the current texture measure, focus) on the training part of its own training data,
/// rewrites only the manifest of the .onnx file (weights untouched) and re-evaluates the figures it carries.
/// </summary>
internal static class RecalibrateGateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var d = new GateRecalibrationOptions { DataPath = string.Empty };
        var model = new Option<string>("--model", "-m") { Description = "The ColonyQc .onnx model whose quality gate to recalibrate.", Required = true };
        var data = new Option<string>("--data") { Description = "The labelled images the model was trained on (its run folder's args.json names them); the limits come from their training part only.", Required = true };
        var output = new Option<string?>("--out", "-o") { Description = "Where to write the restamped model (default: overwrite --model)." };
        var testData = new Option<string?>("--test-data") { Description = "Separate labelled images to re-evaluate the model's test.* figures on (without it they are dropped, as they were measured with the old limits)." };
        var validation = new Option<double>("--validation-fraction") { Description = "The training run's validation share (args.json).", DefaultValueFactory = _ => d.ValidationFraction };
        var test = new Option<double>("--test-fraction") { Description = "The training run's held-out share (args.json).", DefaultValueFactory = _ => d.TestFraction };
        var seed = new Option<int>("--seed") { Description = "The training run's seed (args.json); it drives the grouped split.", DefaultValueFactory = _ => d.Seed };
        var groupBy = new Option<string?>("--group-by") { Description = "The training run's --group-by pattern, if it had one." };
        var umPerPx = new Option<double?>("--um-per-px") { Description = "Source micrometres per pixel for every image, as in training." };
        var objective = new Option<string?>("--objective") { Description = "Objective of every image (4x, 10x, 20x, 40x), as in training." };
        var threads = new Option<int>("--threads") { Description = "CPU threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("recalibrate-gate", "Recalibrate a model's quality-gate limits on the training part of its data and rewrite only its manifest (no retraining).")
        {
            model, data, output, testData, validation, test, seed, groupBy, umPerPx, objective, threads,
        };

        command.SetAction((ParseResult result, CancellationToken cancellationToken) =>
        {
            var o = result.InvocationConfiguration.Output;
            var e = result.InvocationConfiguration.Error;
            var modelPath = result.GetValue(model)!;
            try
            {
                var options = new GateRecalibrationOptions
                {
                    DataPath = result.GetValue(data)!,
                    TestDataPath = result.GetValue(testData),
                    ValidationFraction = result.GetValue(validation),
                    TestFraction = result.GetValue(test),
                    Seed = result.GetValue(seed),
                    GroupByPattern = result.GetValue(groupBy),
                    Scale = new ScaleOptions { UmPerPixel = result.GetValue(umPerPx), Objective = result.GetValue(objective) },
                    Threads = Math.Max(1, result.GetValue(threads)),
                };
                var outputPath = result.GetValue(output) ?? modelPath;
                var run = GateRecalibrator.Recalibrate(modelPath, outputPath, options, o.WriteLine, cancellationToken);
                var q = run.After.QualityGate;
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {outputPath}: manifest v{run.After.FormatVersion}, window texture ({q.TextureMeasure}) >= {q.MinWindowTexture:G4}, focus >= {q.MinFocus:G4}; weights unchanged"));
                return Task.FromResult(ExitCodes.Success);
            }
            catch (OperationCanceledException)
            {
                e.WriteLine("colonyqc recalibrate-gate: interrupted");
                return Task.FromResult(ExitCodes.Interrupted);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidDataException or DirectoryNotFoundException or FileNotFoundException or InvalidModelException)
            {
                e.WriteLine("colonyqc recalibrate-gate: " + ex.Message);
                return Task.FromResult(ExitCodes.Usage);
            }
        });
        return command;
    }
}
