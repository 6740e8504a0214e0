using System.Diagnostics;
using ColonyQc.Inference;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using Microsoft.ML.Transforms.Onnx;

namespace ColonyQc.Compare.Contenders;

/// <summary>
/// ML.NET's own image pipeline on the same .onnx, as its documentation builds it:
/// LoadImages -> ResizeImages (IsoPad: the whole field into one window, aspect kept) ->
/// ConvertToGrayscale -> ExtractPixels (one channel, /255) -> ApplyOnnxModel, enumerated row by
/// row. ML.NET has no thread knob for the image transforms: the thread count goes to ONNX
/// Runtime's intra-op pool, which is all ML.NET exposes.
/// </summary>
public static class MlNetContender
{
    /// <summary>Runs the contender.</summary>
    public static RunResult Run(CompareArguments args)
    {
        var files = ImageFolder.List(args.Directory);
        var setup = Stopwatch.StartNew();
        var modelPath = args.RequireModel();
        IReadOnlyList<string> classNames;
        int window;
        string inputName, outputName;
        using (var classifier = ColonyClassifier.Load(modelPath, new ClassifierOptions { Threads = 1 }))
        {
            classNames = classifier.Manifest.ClassNames;
            window = classifier.Manifest.WindowSize;
            inputName = classifier.Manifest.InputName;
            outputName = classifier.Manifest.OutputName;
        }

        var ml = new MLContext(seed: 1);
        var pipeline = ml.Transforms.LoadImages("image", imageFolder: null, inputColumnName: nameof(ImagePath.Path))
            .Append(ml.Transforms.ResizeImages("image", window, window, "image", ImageResizingEstimator.ResizingKind.IsoPad))
            .Append(ml.Transforms.ConvertToGrayscale("image"))
            .Append(ml.Transforms.ExtractPixels(inputName, "image", ImagePixelExtractingEstimator.ColorBits.Red, scaleImage: 1f / 255f))
            .Append(ml.Transforms.ApplyOnnxModel(new OnnxOptions
            {
                ModelFile = modelPath,
                InputColumns = [inputName],
                OutputColumns = [outputName],
                ShapeDictionary = new Dictionary<string, int[]> { [inputName] = [1, 1, window, window] },
                IntraOpNumThreads = args.Threads,
                InterOpNumThreads = 1,
            }));

        // A probe on the first file: ML.NET's MLImage (SkiaSharp) reads no TIFF, and a file it cannot
        // read fails the whole cursor, so a format it cannot read is reported instead of timed.
        ITransformer model;
        try
        {
            model = pipeline.Fit(ml.Data.LoadFromEnumerable(files.Take(Math.Max(1, args.Warmup)).Select(f => new ImagePath { Path = f })));
            foreach (var row in ml.Data.CreateEnumerable<Logits>(model.Transform(ml.Data.LoadFromEnumerable(files.Take(Math.Max(1, args.Warmup)).Select(f => new ImagePath { Path = f }))), reuseRowObject: true))
            {
                _ = row.Values.Length;
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or InvalidDataException or NullReferenceException or FormatException)
        {
            return new RunResult
            {
                Contender = "mlnet",
                Label = args.Label,
                Input = args.Input,
                Threads = args.Threads,
                Images = 0,
                Errors = files.Count,
                Seconds = 0,
                Note = $"cannot read {Path.GetExtension(files[0])}: {ex.GetType().Name}: {FirstLine(ex.Message)}",
            };
        }

        setup.Stop();
        var outPath = args.Out ?? Path.GetTempFileName();
        var probabilities = new float[classNames.Count];
        var clock = Stopwatch.StartNew();
        var count = 0;
        using (var csv = new ProbabilityCsv(outPath, classNames))
        {
            var data = ml.Data.LoadFromEnumerable(files.Select(f => new ImagePath { Path = f }));
            foreach (var row in ml.Data.CreateEnumerable<Logits>(model.Transform(data), reuseRowObject: true))
            {
                ProbabilityCsv.Softmax(row.Values, probabilities);
                csv.Write(files[count++], probabilities);
            }
        }

        clock.Stop();
        return new RunResult
        {
            Contender = "mlnet",
            Label = args.Label,
            Input = args.Input,
            Threads = args.Threads,
            Images = count,
            Errors = files.Count - count,
            Seconds = clock.Elapsed.TotalSeconds,
            SetupSeconds = setup.Elapsed.TotalSeconds,
            Note = $"LoadImages -> ResizeImages({window}x{window}, IsoPad) -> ConvertToGrayscale -> ExtractPixels(Red, /255) -> ApplyOnnxModel(intra-op {args.Threads})",
        };
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    /// <summary>ML.NET input row: one image path.</summary>
    private sealed class ImagePath
    {
        public string Path { get; set; } = "";
    }

    /// <summary>ML.NET output row: the model's logits.</summary>
    private sealed class Logits
    {
        [ColumnName("logits")]
        public float[] Values { get; set; } = [];
    }
}
