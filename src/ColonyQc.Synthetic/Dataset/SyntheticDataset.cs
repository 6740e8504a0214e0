using System.Diagnostics;
using System.Globalization;
using System.Text;
using ColonyQc.Synthetic.Rendering;

namespace ColonyQc.Synthetic.Dataset;

/// <summary>
/// Writes a synthetic data set: the images, <c>labels.csv</c> (file,label,plate,well,field,group)
/// and <c>annotations.csv</c> (file,colony,x,y,width,height,class; one row per colony, none for an
/// empty field). Fields are rendered in parallel; every byte depends only on the options, never
/// on the thread count or timing.
/// </summary>
public static class SyntheticDataset
{
    /// <summary>The labels file name inside the output folder.</summary>
    public const string LabelsFileName = "labels.csv";

    /// <summary>The per-colony annotations file name inside the output folder.</summary>
    public const string AnnotationsFileName = "annotations.csv";

    // CSV readers (and the trainer's) would take a byte-order mark as part of the first column name.
    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The fields <paramref name="options"/> describe, without rendering them (labels, names, groups).</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public static IReadOnlyList<PlannedField> Plan(SynthOptions options)
    {
        Validate(options);
        return FieldPlanner.Plan(options);
    }

    /// <summary>Renders and writes the data set into <paramref name="outputDirectory"/> (created if needed).</summary>
    /// <param name="options">What to write.</param>
    /// <param name="outputDirectory">Destination folder; existing files of the same names are replaced.</param>
    /// <param name="progress">Receives the number of fields written so far.</param>
    /// <param name="cancellationToken">Stops after the fields in progress; the CSV files are then not written.</param>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public static SynthSummary Write(SynthOptions options, string outputDirectory, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        var stopwatch = Stopwatch.StartNew();
        var fields = Plan(options);
        var root = Path.GetFullPath(outputDirectory);
        Directory.CreateDirectory(root);
        foreach (var folder in fields.Select(f => Path.GetDirectoryName(f.RelativePath)).Distinct())
        {
            Directory.CreateDirectory(Path.Combine(root, folder ?? ""));
        }

        var colonies = new IReadOnlyList<ColonyAnnotation>[fields.Count];
        var sizes = new long[fields.Count];
        var done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Threads), CancellationToken = cancellationToken };
        Parallel.For(0, fields.Count, parallel, i =>
        {
            var planned = fields[i];
            var field = ColonySimulator.Render(planned.ToRequest(options));
            var bytes = FieldFileEncoder.Encode(field, options);
            File.WriteAllBytes(Path.Combine(root, planned.RelativePath), bytes);
            colonies[i] = field.Colonies;
            sizes[i] = bytes.Length;
            progress?.Report(Interlocked.Increment(ref done));
        });

        var labelsPath = Path.Combine(root, LabelsFileName);
        var annotationsPath = Path.Combine(root, AnnotationsFileName);
        File.WriteAllText(labelsPath, LabelsCsv(fields), Utf8WithoutBom);
        File.WriteAllText(annotationsPath, AnnotationsCsv(fields, colonies), Utf8WithoutBom);
        var perClass = new int[3];
        foreach (var field in fields)
        {
            perClass[(int)field.Label]++;
        }

        return new SynthSummary(
            fields.Count,
            perClass,
            colonies.Count(c => c.Count == 0),
            colonies.Sum(c => c.Count),
            sizes.Sum(),
            labelsPath,
            annotationsPath,
            stopwatch.Elapsed);
    }

    private static string LabelsCsv(IReadOnlyList<PlannedField> fields)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder("file,label,plate,well,field,group\n");
        foreach (var f in fields)
        {
            text.Append(CsvText.Cell(f.RelativePath)).Append(',')
                .Append(f.Label.Name()).Append(',')
                .Append(CsvText.Cell(f.Plate)).Append(',')
                .Append(f.Well).Append(',')
                .Append(f.Field.ToString(c)).Append(',')
                .Append(CsvText.Cell(f.Group)).Append('\n');
        }

        return text.ToString();
    }

    private static string AnnotationsCsv(IReadOnlyList<PlannedField> fields, IReadOnlyList<ColonyAnnotation>[] colonies)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder("file,colony,x,y,width,height,class\n");
        for (var i = 0; i < fields.Count; i++)
        {
            foreach (var a in colonies[i])
            {
                text.Append(CsvText.Cell(fields[i].RelativePath)).Append(',')
                    .Append(a.Index.ToString(c)).Append(',')
                    .Append(a.X.ToString(c)).Append(',')
                    .Append(a.Y.ToString(c)).Append(',')
                    .Append(a.Width.ToString(c)).Append(',')
                    .Append(a.Height.ToString(c)).Append(',')
                    .Append(a.Class.Name()).Append('\n');
            }
        }

        return text.ToString();
    }

    private static void Validate(SynthOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        Require(o.Count >= 1, $"count must be at least 1 (was {o.Count})");
        Require(o.Width is >= SynthDefaults.MinSide and <= SynthDefaults.MaxSide && o.Height is >= SynthDefaults.MinSide and <= SynthDefaults.MaxSide,
            $"frame size {o.Width}x{o.Height} is outside {SynthDefaults.MinSide}-{SynthDefaults.MaxSide} pixels per side");
        Require(o.UmPerPixel is >= 0.05 and <= 10, $"um-per-pixel must be 0.05-10 (was {o.UmPerPixel.ToString(CultureInfo.InvariantCulture)})");
        Require(o.BitDepth is 8 or 16, $"bit depth must be 8 or 16 (was {o.BitDepth})");
        Require(!(o.BitDepth == 16 && o.Format == SynthImageFormat.Jpeg), "JPEG holds 8-bit data only: use --bit-depth 8, or TIFF/PNG for 16-bit");
        Require(Enum.IsDefined(o.Format), $"unknown image format {o.Format}");
        Require(Enum.IsDefined(o.Layout), $"unknown layout {o.Layout}");
        Require(Enum.IsDefined(o.TiffCompression), $"unknown TIFF compression {o.TiffCompression}");
        Require(o.JpegQuality is >= 1 and <= 100, $"JPEG quality must be 1-100 (was {o.JpegQuality})");
        Require(o.ClassWeights.Count == 3 && o.ClassWeights.All(w => w >= 0 && double.IsFinite(w)) && o.ClassWeights.Sum() > 0,
            "class weights must be three finite, non-negative numbers (good, differentiating, abnormal) with a positive sum");
        Require(o.FieldsPerWell is >= 1 and <= 999, $"fields per well must be 1-999 (was {o.FieldsPerWell})");
        Require(o.WellsPerPlate is >= 1 and <= 96, $"wells per plate must be 1-96 (was {o.WellsPerPlate})");
        Require(o.PlatePrefix.Length > 0 && o.PlatePrefix.IndexOfAny([.. Path.GetInvalidFileNameChars(), ',', '"', ' ']) < 0,
            $"plate prefix '{o.PlatePrefix}' must be a non-empty file-name part without spaces, commas or quotes");
        Require(o.EmptyFieldProbability is >= 0 and <= 1, "empty-field probability must be 0-1");
        Require(o.Threads >= 1, $"threads must be at least 1 (was {o.Threads})");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException("synthetic data set options: " + message);
        }
    }
}
