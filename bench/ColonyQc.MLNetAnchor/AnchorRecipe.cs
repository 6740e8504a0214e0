using System.Diagnostics;
using System.Runtime.Intrinsics.X86;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace ColonyQc.MLNetAnchor;

/// <summary>
/// ML.NET's transfer-learning recipe for users without Microsoft.ML.Vision: LoadImages,
/// ResizeImages to 224x224, ExtractPixels, DnnFeaturizeImage with the ImageNet ResNet-18 of
/// Microsoft.ML.DnnImageFeaturizer.ResNet18, then LbfgsMaximumEntropy; evaluated with
/// MulticlassClassification.Evaluate.
/// </summary>
public static class AnchorRecipe
{
    private const int Side = 224;

    /// <summary>Fits on <paramref name="train"/>, evaluates on <paramref name="test"/>.</summary>
    /// <exception cref="InvalidDataException">The test part has a label the training part lacks.</exception>
    public static AnchorResult Run(AnchorArguments args, LoadableSet train, LoadableSet test)
    {
        var trainLabels = train.Images.Select(i => i.Label).ToHashSet(StringComparer.Ordinal);
        var unknown = test.Images.Select(i => i.Label).Where(l => !trainLabels.Contains(l)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidDataException($"test labels not in the training part: {string.Join(", ", unknown)}");
        }

        var ml = new MLContext(args.Seed);
        var trainView = ml.Data.LoadFromEnumerable(Rows(train.Images));
        var testView = ml.Data.LoadFromEnumerable(Rows(test.Images));
        var modelDir = Path.Combine(AppContext.BaseDirectory, "DnnImageModels");
        var resizing = args.Resize == "fill" ? ImageResizingEstimator.ResizingKind.Fill : ImageResizingEstimator.ResizingKind.IsoCrop;

        var features = ml.Transforms.CopyColumns("LabelText", "Label")
            .Append(ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue))
            .Append(ml.Transforms.LoadImages("Image", imageFolder: "", inputColumnName: nameof(ImageRow.ImagePath)))
            .Append(ml.Transforms.ResizeImages("Image", Side, Side, "Image", resizing))
            .Append(ml.Transforms.ExtractPixels("Pixels", "Image"))
            .Append(ml.Transforms.DnnFeaturizeImage("Features",
                m => m.ModelSelector.ResNet18(ml, m.OutputColumn, m.InputColumn, modelDir), "Pixels"));
        var trainer = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy("Label", "Features");
        // The cache keeps L-BFGS's passes from featurising every image again on each pass: it
        // changes the fit time, not the model.
        var pipeline = args.Normalize
            ? features.Append(ml.Transforms.NormalizeMinMax("Features")).AppendCacheCheckpoint(ml)
                .Append(trainer).Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"))
            : features.AppendCacheCheckpoint(ml)
                .Append(trainer).Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

        var clock = Stopwatch.StartNew();
        var model = pipeline.Fit(trainView);
        var fitSeconds = clock.Elapsed.TotalSeconds;

        var scored = model.Transform(testView);
        clock.Restart();
        var metrics = ml.MulticlassClassification.Evaluate(scored, "Label", "Score", "PredictedLabel");
        var scoreMs = clock.Elapsed.TotalMilliseconds / Math.Max(1, test.Images.Count);

        var keyNames = default(VBuffer<ReadOnlyMemory<char>>);
        scored.Schema["Label"].GetKeyValues(ref keyNames);
        var names = keyNames.DenseValues().Select(v => v.ToString()).ToList();
        var counts = metrics.ConfusionMatrix.Counts;
        var perClass = new List<ClassMetrics>();
        var confusion = new List<IReadOnlyList<int>>();
        for (var c = 0; c < names.Count; c++)
        {
            var row = counts[c].Select(v => (int)Math.Round(v)).ToList();
            confusion.Add(row);
            var p = metrics.ConfusionMatrix.PerClassPrecision[c];
            var r = metrics.ConfusionMatrix.PerClassRecall[c];
            perClass.Add(new ClassMetrics(names[c], row.Sum(), p, r, p + r > 0 ? 2 * p * r / (p + r) : 0));
        }

        if (args.Predictions is not null)
        {
            WritePredictions(ml, scored, names, args.Predictions);
        }

        return new AnchorResult
        {
            Recipe = $"LoadImages > ResizeImages {Side}x{Side} ({args.Resize}) > ExtractPixels > DnnFeaturizeImage ResNet18 "
                + (args.Normalize ? "> NormalizeMinMax " : "") + "> LbfgsMaximumEntropy (ML.NET 6.0.0, ResNet18 0.24.0)",
            Train = args.Train,
            Test = args.Test,
            TrainImages = train.Images.Count,
            TestImages = test.Images.Count,
            Seed = args.Seed,
            ClassNames = names,
            PerClass = perClass,
            MacroF1 = perClass.Average(c => c.F1),
            MicroAccuracy = metrics.MicroAccuracy,
            MacroAccuracy = metrics.MacroAccuracy,
            LogLoss = metrics.LogLoss,
            Confusion = confusion,
            FitSeconds = fitSeconds,
            ScoreMsPerImage = scoreMs,
            PredictionEngineMedianMs = EngineLatency(ml, model, test.Images),
            ConvertedImages = train.Converted + test.Converted,
            ConversionSeconds = train.Seconds + test.Seconds,
            Skipped = [.. train.Skipped, .. test.Skipped],
            Machine = $"{Environment.ProcessorCount} cores, {(Avx512F.IsSupported ? "AVX-512" : Avx2.IsSupported ? "AVX2" : "SSE")}, .NET {Environment.Version}",
        };
    }

    private static IEnumerable<ImageRow> Rows(IEnumerable<LabelledImage> images) =>
        images.Select(i => new ImageRow { ImagePath = i.Path, Label = i.Label }).ToList();

    private static double EngineLatency(MLContext ml, ITransformer model, IReadOnlyList<LabelledImage> images)
    {
        using var engine = ml.Model.CreatePredictionEngine<ImageRow, ScoredRow>(model);
        const int Warmup = 2;
        var times = new List<double>();
        var picks = images.Take(Warmup + 16).ToList();
        for (var i = 0; i < picks.Count; i++)
        {
            var clock = Stopwatch.StartNew();
            engine.Predict(new ImageRow { ImagePath = picks[i].Path, Label = picks[i].Label });
            if (i >= Warmup)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        return times.Count == 0 ? double.NaN : times[times.Count / 2];
    }

    private static void WritePredictions(MLContext ml, IDataView scored, IReadOnlyList<string> names, string path)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("path,label,predicted," + string.Join(",", names.Select(n => "p_" + n)));
        foreach (var row in ml.Data.CreateEnumerable<ScoredRow>(scored, reuseRowObject: false))
        {
            writer.WriteLine(string.Join(",", [row.ImagePath, row.LabelText, row.PredictedLabel,
                .. row.Score.Select(s => s.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture))]));
        }
    }
}
