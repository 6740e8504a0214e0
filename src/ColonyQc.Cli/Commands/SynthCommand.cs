using System.CommandLine;
using System.Globalization;
using ColonyQc.Inference.Imaging.Encoding;
using ColonyQc.Synthetic.Dataset;
using ColonyQc.Synthetic.Preview;
using ColonyQc.Synthetic.Rendering;

namespace ColonyQc.Cli.Commands;

/// <summary><c>colonyqc synth</c>: writes simulated iPSC colony fields with labels.csv and annotations.csv.</summary>
internal static class SynthCommand
{
    /// <summary>Builds the command with its options, grouped as output, content, image and layout.</summary>
    public static Command Create()
    {
        var defaults = new SynthOptions();
        var output = new Option<string>("--out", "-o") { Description = "Output folder for the images, labels.csv and annotations.csv." };
        var contactSheet = new Option<string>("--contact-sheet") { Description = "Also (or only) write a labelled PNG grid of fields per class (whole field scaled + 1:1 crop) for this seed and scale." };
        var seed = new Option<ulong>("--seed") { Description = "Seed: the same seed and options give the same bytes.", DefaultValueFactory = _ => defaults.Seed };
        var count = new Option<int>("--count", "-n") { Description = "Number of fields (images) to write.", DefaultValueFactory = _ => defaults.Count };
        var balance = new Option<string>("--balance") { Description = "Relative class weights good,differentiating,abnormal (counts follow them exactly).", DefaultValueFactory = _ => "1,1,1" };
        var empty = new Option<double>("--empty-fraction") { Description = "Chance that a good field shows no colony (such fields are labelled good).", DefaultValueFactory = _ => defaults.EmptyFieldProbability };
        var width = new Option<int>("--width") { Description = "Frame width in pixels (EVOS: 2048).", DefaultValueFactory = _ => defaults.Width };
        var height = new Option<int>("--height") { Description = "Frame height in pixels (EVOS: 1536).", DefaultValueFactory = _ => defaults.Height };
        var scale = new Option<double>("--um-per-px") { Description = "Micrometres per pixel of the simulated camera: 0.8625 for a 4x objective, 0.345 for 10x (the same option name as in score, evaluate and train).", DefaultValueFactory = _ => defaults.UmPerPixel };
        var bitDepth = new Option<int>("--bit-depth") { Description = "8, or 16 (12-bit camera counts x 16).", DefaultValueFactory = _ => defaults.BitDepth };
        bitDepth.AcceptOnlyFromAmong("8", "16");
        var format = new Option<SynthImageFormat>("--format") { Description = "Image format: tiff, png or jpeg.", DefaultValueFactory = _ => defaults.Format };
        var compression = new Option<TiffCompression>("--tiff-compression") { Description = "TIFF compression: none, lzw, deflate or packbits.", DefaultValueFactory = _ => defaults.TiffCompression };
        var quality = new Option<int>("--jpeg-quality") { Description = "JPEG quality 1-100 (higher: larger files, fewer artefacts).", DefaultValueFactory = _ => defaults.JpegQuality };
        var layout = new Option<SynthLayout>("--layout") { Description = "flat (class subfolders, one group per field) or evos (plate-scan names, grouped by well).", DefaultValueFactory = _ => defaults.Layout };
        var fieldsPerWell = new Option<int>("--fields-per-well") { Description = "Fields per well (evos layout).", DefaultValueFactory = _ => defaults.FieldsPerWell };
        var wellsPerPlate = new Option<int>("--wells-per-plate") { Description = "Wells per plate, 1-96 (evos layout).", DefaultValueFactory = _ => defaults.WellsPerPlate };
        var platePrefix = new Option<string>("--plate-prefix") { Description = "Scan name before the plate number (evos layout).", DefaultValueFactory = _ => defaults.PlatePrefix };
        var modes = new Option<string>("--modes") { Description = "Imaging modes to draw, comma-separated: phase, brightfield, relief, or all (one mode per plate scan).", DefaultValueFactory = _ => "all" };
        var threads = new Option<int>("--threads") { Description = "Fields rendered at once (does not change the output).", DefaultValueFactory = _ => defaults.Threads };

        var command = new Command("synth", "Write simulated phase-contrast / bright-field iPSC colony fields (good, differentiating, abnormal) with labels.csv and annotations.csv.")
        {
            output, contactSheet, seed, count, balance, empty, width, height, scale, bitDepth, format, compression, quality, layout, fieldsPerWell, wellsPerPlate, platePrefix, modes, threads,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var writer = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            SynthOptions options;
            try
            {
                options = new SynthOptions
                {
                    Seed = parse.GetValue(seed),
                    Count = parse.GetValue(count),
                    ClassWeights = ParseWeights(parse.GetValue(balance)!),
                    EmptyFieldProbability = parse.GetValue(empty),
                    Width = parse.GetValue(width),
                    Height = parse.GetValue(height),
                    UmPerPixel = parse.GetValue(scale),
                    BitDepth = parse.GetValue(bitDepth),
                    Format = parse.GetValue(format),
                    TiffCompression = parse.GetValue(compression),
                    JpegQuality = parse.GetValue(quality),
                    Layout = parse.GetValue(layout),
                    FieldsPerWell = parse.GetValue(fieldsPerWell),
                    WellsPerPlate = parse.GetValue(wellsPerPlate),
                    PlatePrefix = parse.GetValue(platePrefix)!,
                    Modes = ImagingModes.ParseList(parse.GetValue(modes)!),
                    Threads = parse.GetValue(threads),
                };
                SyntheticDataset.Plan(options);
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                error.WriteLine(e.Message);
                return Task.FromResult(2);
            }

            var directory = parse.GetValue(output);
            var sheetPath = parse.GetValue(contactSheet);
            var c = CultureInfo.InvariantCulture;
            if (directory is null && sheetPath is null)
            {
                error.WriteLine("synth: give --out FOLDER for a data set, --contact-sheet FILE.png for a preview, or both");
                return Task.FromResult(2);
            }

            if (sheetPath is not null)
            {
                ContactSheet.Write(new ContactSheetOptions { Seed = options.Seed, UmPerPixel = options.UmPerPixel, FieldWidth = options.Width, FieldHeight = options.Height, Modes = options.Modes }, sheetPath);
                writer.WriteLine($"contact sheet: {Path.GetFullPath(sheetPath)}");
            }

            if (directory is null)
            {
                return Task.FromResult(0);
            }

            writer.WriteLine(string.Create(c, $"synth: {options.Count} fields {options.Width}x{options.Height} at {options.UmPerPixel} um/px, {options.BitDepth}-bit {options.Format.ToString().ToLowerInvariant()}, layout {options.Layout.ToString().ToLowerInvariant()}, seed {options.Seed}, {options.Threads} threads -> {Path.GetFullPath(directory)}"));
            var step = Math.Max(1, options.Count / 10);
            var progress = new SynchronousProgress(done =>
            {
                if (done % step == 0 || done == options.Count)
                {
                    writer.WriteLine(string.Create(c, $"  {done}/{options.Count} fields"));
                }
            });
            try
            {
                var summary = SyntheticDataset.Write(options, directory, progress, cancellationToken);
                writer.WriteLine(string.Create(c, $"wrote {summary.Fields} fields (good {summary.PerClass[0]}, differentiating {summary.PerClass[1]}, abnormal {summary.PerClass[2]}; {summary.EmptyFields} empty), {summary.Colonies} colonies, {summary.Bytes / 1e6:F1} MB in {summary.Elapsed.TotalSeconds:F1} s ({summary.Elapsed.TotalMilliseconds / summary.Fields:F0} ms per field)"));
                writer.WriteLine($"labels: {summary.LabelsPath}");
                writer.WriteLine($"annotations: {summary.AnnotationsPath}");
                return Task.FromResult(0);
            }
            catch (OperationCanceledException)
            {
                error.WriteLine("synth: cancelled; labels.csv and annotations.csv were not written");
                return Task.FromResult(130);
            }
            catch (IOException e)
            {
                error.WriteLine($"synth: cannot write to {directory}: {e.Message}");
                return Task.FromResult(1);
            }
        });
        return command;
    }

    /// <summary>Parses "good,differentiating,abnormal" weights such as <c>1,1,1</c> or <c>2,1,1</c>.</summary>
    internal static IReadOnlyList<double> ParseWeights(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var weights = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out weights[i]))
            {
                throw new FormatException($"--balance '{text}': '{parts[i]}' is not a number; give three weights good,differentiating,abnormal such as 1,1,1");
            }
        }

        if (weights.Length != 3)
        {
            throw new FormatException($"--balance '{text}': expected three weights good,differentiating,abnormal, found {weights.Length}");
        }

        return weights;
    }

    /// <summary>Reports on the worker thread that made the progress, so lines come out in order without a synchronisation context.</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        private readonly Lock _gate = new();

        public void Report(int value)
        {
            lock (_gate)
            {
                report(value);
            }
        }
    }
}
