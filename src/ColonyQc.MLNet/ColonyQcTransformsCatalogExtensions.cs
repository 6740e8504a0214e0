using ColonyQc.Inference.Model;
using ColonyQc.Inference.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Transforms.Image;

namespace ColonyQc.MLNet;

/// <summary>
/// ColonyQc scoring as an ML.NET pipeline, for labs that already run ML.NET: the same .onnx file
/// that <c>ColonyClassifier</c> uses, behind ML.NET's own image transforms.
/// </summary>
/// <remarks>
/// The pipeline is LoadImages -> ResizeImages (one window) -> ConvertToGrayscale -> ExtractPixels
/// (one channel, scaled to [0,1] and normalised as the manifest says, planar) -> ApplyOnnxModel ->
/// softmax at the manifest's temperature. It scores each image as ONE window: ML.NET's image
/// pipeline cannot resample to the model's canonical um/px nor tile a field into windows, so the
/// probabilities equal ColonyClassifier's only for images that already are one window at the
/// canonical scale (e.g. a PNG of exactly WindowSize x WindowSize pixels at the manifest's um/px).
/// For whole fields, quality gating and review flags, use ColonyClassifier. ML.NET's image loader
/// (SkiaSharp) reads PNG, JPEG and BMP but cannot read TIFF, the usual microscope format, nor
/// 16-bit samples: convert such files first or use ColonyClassifier, which reads them.
/// The resulting transformer cannot be saved with <c>mlContext.Model.Save</c> (its softmax step
/// is a custom mapping); the .onnx file is the model to keep.
/// </remarks>
public static class ColonyQcTransformsCatalogExtensions
{
    private const string ImageColumn = "ColonyQcImage";
    private const string WindowColumn = "ColonyQcWindow";
    private const string GreyColumn = "ColonyQcGrey";

    /// <summary>
    /// Builds the estimator that scores the images named in <see cref="ColonyQcMLNetOptions.ImagePathColumn"/>
    /// with the ColonyQc model at <paramref name="modelPath"/>, adding probability, label and confidence columns.
    /// </summary>
    /// <exception cref="InvalidModelException">The model is missing, not ONNX or has no valid ColonyQc manifest.</exception>
    public static IEstimator<ITransformer> ColonyQcScore(this TransformsCatalog transforms, string modelPath, ColonyQcMLNetOptions? options = null)
    {
        options ??= new ColonyQcMLNetOptions();
        var manifest = ReadManifest(modelPath);
        var window = manifest.WindowSize;
        var classes = manifest.ClassNames.ToArray();

        // (v / 255 - mean) / std as ExtractPixels' (v - offset) * scale.
        var norm = manifest.Normalization;
        var offset = (float)(255.0 * norm.Mean);
        var scale = (float)(1.0 / (255.0 * norm.Std));

        var softmax = new ColonyQcSoftmaxMapping(manifest, options);
        return transforms.LoadImages(ImageColumn, options.ImageFolder, options.ImagePathColumn)
            .Append(transforms.ResizeImages(WindowColumn, window, window, ImageColumn, options.Resizing))
            .Append(transforms.ConvertToGrayscale(GreyColumn, WindowColumn))
            .Append(transforms.ExtractPixels(manifest.InputName, GreyColumn, ImagePixelExtractingEstimator.ColorBits.Red, interleavePixelColors: false, offsetImage: offset, scaleImage: scale))
            .Append(transforms.ApplyOnnxModel(
                [manifest.OutputName],
                [manifest.InputName],
                modelPath,
                new Dictionary<string, int[]> { [manifest.InputName] = [1, 1, window, window] },
                gpuDeviceId: null,
                fallbackToCpu: false,
                recursionLimit: 100))
            .Append(transforms.CustomMapping<ColonyQcLogits, ColonyQcPrediction>(softmax.Map, contractName: null, softmax.InputSchema, softmax.OutputSchema))
            .Append(transforms.DropColumns(ImageColumn, WindowColumn, GreyColumn, manifest.InputName));
    }

    /// <summary>Reads the ColonyQc manifest from a model's ONNX metadata.</summary>
    /// <exception cref="InvalidModelException">The model is missing, not ONNX or has no valid ColonyQc manifest.</exception>
    public static ModelManifest ReadManifest(string modelPath)
    {
        if (!File.Exists(modelPath))
        {
            throw new InvalidModelException(modelPath, "the model file does not exist");
        }

        string? json;
        try
        {
            using var session = new InferenceSession(modelPath);
            session.ModelMetadata.CustomMetadataMap.TryGetValue(ModelManifest.MetadataKey, out json);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidModelException(modelPath, "ONNX Runtime cannot load it: " + ex.Message, ex);
        }

        return json is null
            ? throw new InvalidModelException(modelPath, $"not a ColonyQc model: it has no \"{ModelManifest.MetadataKey}\" metadata")
            : ModelManifestSerializer.FromJson(json, modelPath);
    }

    /// <summary>The softmax-at-temperature step, shared with ColonyClassifier through <see cref="WindowAggregator.Softmax"/>.</summary>
    private sealed class ColonyQcSoftmaxMapping
    {
        private readonly double _temperature;
        private readonly string[] _classes;

        public ColonyQcSoftmaxMapping(ModelManifest manifest, ColonyQcMLNetOptions options)
        {
            _temperature = manifest.Temperature;
            _classes = manifest.ClassNames.ToArray();
            var vector = new VectorDataViewType(NumberDataViewType.Single, _classes.Length);
            InputSchema = SchemaDefinition.Create(typeof(ColonyQcLogits));
            InputSchema[0].ColumnName = manifest.OutputName;
            InputSchema[0].ColumnType = vector;
            OutputSchema = SchemaDefinition.Create(typeof(ColonyQcPrediction));
            // Look every column up before renaming any: the indexer finds columns by their current name.
            var probabilities = OutputSchema[nameof(ColonyQcPrediction.Probabilities)];
            var label = OutputSchema[nameof(ColonyQcPrediction.PredictedLabel)];
            var confidence = OutputSchema[nameof(ColonyQcPrediction.Confidence)];
            probabilities.ColumnType = vector;
            probabilities.ColumnName = options.ProbabilitiesColumn;
            label.ColumnName = options.PredictedLabelColumn;
            confidence.ColumnName = options.ConfidenceColumn;
        }

        public SchemaDefinition InputSchema { get; }

        public SchemaDefinition OutputSchema { get; }

        public void Map(ColonyQcLogits input, ColonyQcPrediction output)
        {
            var probabilities = new float[_classes.Length];
            WindowAggregator.Softmax(input.Logits, _temperature, probabilities);
            var best = WindowAggregator.ArgMax(probabilities);
            output.Probabilities = probabilities;
            output.PredictedLabel = _classes[best];
            output.Confidence = probabilities[best];
        }
    }
}
