using System.CommandLine;
using System.Globalization;
using ColonyQc.Cli.Scoring;
using ColonyQc.Inference;
using ColonyQc.Inference.Model;

namespace ColonyQc.Cli.Commands;

/// <summary><c>colonyqc info [MODEL]</c>: prints what a model file says about itself (its manifest); the shipped model by default.</summary>
internal static class InfoCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var model = new Argument<string?>("model") { Description = "The .onnx model file; default (or 'shipped'): the model shipped with the tool.", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print the manifest as JSON (the exact text stored in the model) instead of a summary." };
        var command = new Command("info", "Show a model's manifest: classes, input scale, calibration, review threshold, training provenance and metrics.") { model, json };
        command.SetAction((ParseResult result) =>
        {
            var output = result.InvocationConfiguration.Output;
            var path = DefaultModelLocator.Resolve(result.GetValue(model));
            if (path is null)
            {
                result.InvocationConfiguration.Error.WriteLine(DefaultModelLocator.Missing("info"));
                return ExitCodes.Usage;
            }

            if (!File.Exists(path))
            {
                result.InvocationConfiguration.Error.WriteLine($"colonyqc info: '{path}': no such file");
                return ExitCodes.Usage;
            }

            try
            {
                using var classifier = ColonyClassifier.Load(path, new ClassifierOptions { Threads = 1 });
                if (result.GetValue(json))
                {
                    output.WriteLine(ModelManifestSerializer.ToJson(classifier.Manifest));
                }
                else
                {
                    Describe(output, classifier);
                }

                return ExitCodes.Success;
            }
            catch (InvalidModelException ex)
            {
                result.InvocationConfiguration.Error.WriteLine("colonyqc info: invalid model: " + ex.Message);
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    private static void Describe(TextWriter o, ColonyClassifier classifier)
    {
        var c = CultureInfo.InvariantCulture;
        var m = classifier.Manifest;
        o.WriteLine($"Model            {Path.GetFullPath(classifier.ModelPath)}");
        o.WriteLine($"SHA-256          {classifier.ModelSha256}");
        o.WriteLine($"Manifest format  {m.FormatVersion}");
        o.WriteLine($"Architecture     {m.Architecture}");
        o.WriteLine($"Classes          {string.Join(", ", m.ClassNames)}");
        o.WriteLine($"Input            {m.Channels} x {m.WindowSize} x {m.WindowSize} windows, stride {m.WindowStride}, at {m.UmPerPixel.ToString("0.####", c)} um/px ('{m.InputName}' -> '{m.OutputName}')");
        o.WriteLine($"Normalisation    (v/full-scale - {m.Normalization.Mean.ToString(c)}) / {m.Normalization.Std.ToString(c)}{(m.Normalization.PerWindowStandardization ? ", then per-window standardisation in the graph" : string.Empty)}");
        o.WriteLine($"Temperature      {m.Temperature.ToString("0.####", c)}");
        o.WriteLine($"Review below     {m.ReviewThreshold.ToString("0.####", c)} confidence");
        var q = m.QualityGate;
        o.WriteLine($"Quality gate     focus >= {q.MinFocus.ToString("G4", c)}, over-exposed <= {q.MaxOverExposedFraction.ToString("0.###", c)}, under-exposed <= {q.MaxUnderExposedFraction.ToString("0.###", c)}, window texture ({q.TextureMeasure}) >= {q.MinWindowTexture.ToString("G4", c)}, voting windows >= {q.MinVotingFraction.ToString("0.###", c)}");
        if (m.Provenance is { } p)
        {
            o.WriteLine($"Trained          {p.TrainedAtUtc} with ColonyQc {p.ToolVersion}: {p.Epochs} epochs, seed {p.Seed}, {p.TrainingImages} training / {p.ValidationImages} validation images");
            o.WriteLine($"Data manifest    sha256 {p.DataManifestSha256}");
            if (p.StartedFrom is not null)
            {
                o.WriteLine($"Fine-tuned from  {p.StartedFrom}");
            }

            if (p.Notes is not null)
            {
                o.WriteLine($"Notes            {p.Notes}");
            }
        }

        if (m.Metrics.Count > 0)
        {
            o.WriteLine("Metrics");
            foreach (var (name, value) in m.Metrics.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                o.WriteLine($"  {name,-28} {value.ToString("0.####", c)}");
            }
        }
    }
}
