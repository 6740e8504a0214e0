using System.Text.Json;
using System.Text.Json.Serialization;

namespace ColonyQc.Inference.Model;

/// <summary>
/// The self-description every ColonyQc model carries in its ONNX metadata under
/// <see cref="MetadataKey"/>: everything inference needs besides the weights, so nobody re-types
/// the preprocessing contract. Serialised as camelCase JSON.
/// </summary>
public sealed record ModelManifest
{
    /// <summary>The ONNX metadata_props key holding the manifest JSON.</summary>
    public const string MetadataKey = "colonyqc.manifest";

    /// <summary>
    /// The manifest format this code writes and reads.
    /// Version 1: first release (window classifier, per-window InstanceNormalization inside the graph);
    /// <see cref="QualityGateLimits.MinWindowTexture"/> is a plain window standard deviation.
    /// Version 2: the quality gate names its <see cref="QualityGateLimits.TextureMeasure"/> (detrended
    /// standard deviation for models calibrated by this code). The bump makes ColonyQc builds that only
    /// know version 1 refuse a version 2 model instead of comparing plain std with a detrended limit.
    /// Version 3: <see cref="ClassSeverities"/> and <see cref="Aggregation"/> (the image-from-windows rule the
    /// model was trained with, taken from the manifest instead of from the class names). Older versions are read
    /// with the severities their class names imply and <see cref="AggregationRule.WorstWindowHierarchy"/>.
    /// Bump it whenever a field changes meaning; <see cref="ModelManifestSerializer"/> refuses versions it does not know.
    /// </summary>
    public const int CurrentFormatVersion = 3;

    /// <summary>The oldest format version this code still reads (version 1 is read with <see cref="TextureMeasure.Std"/>).</summary>
    public const int OldestReadableFormatVersion = 1;

    /// <summary>Format version of this manifest: <see cref="CurrentFormatVersion"/> for manifests this code writes; older readable versions are kept as read.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Network architecture name and variant, e.g. "ColonyNet-v1/w32".</summary>
    public required string Architecture { get; init; }

    /// <summary>Class names in the order of the network's outputs (e.g. good, differentiating, abnormal).</summary>
    public required IReadOnlyList<string> ClassNames { get; init; }

    /// <summary>
    /// Severity of each class, in <see cref="ClassNames"/> order: 0 for a healthy culture, higher for worse. An
    /// image's label is its worst window's (colony's) severity; classes of equal severity are not ordered.
    /// Null in manifests before version 3: <see cref="Severities"/> derives them from the class names.
    /// </summary>
    public IReadOnlyList<int>? ClassSeverities { get; init; }

    /// <summary>
    /// The image-from-windows rule, or null in manifests before version 3 (<see cref="ImageAggregationRule"/>
    /// then gives the rule those versions used).
    /// </summary>
    public ImageAggregation? Aggregation { get; init; }

    /// <summary>Side of the square input window in canonical pixels.</summary>
    public required int WindowSize { get; init; }

    /// <summary>Step between neighbouring windows in canonical pixels (less than <see cref="WindowSize"/>: windows overlap).</summary>
    public required int WindowStride { get; init; }

    /// <summary>Input channels (1: grey).</summary>
    public int Channels { get; init; } = 1;

    /// <summary>The canonical scale in micrometres per pixel every image is resampled to before windowing.</summary>
    public required double UmPerPixel { get; init; }

    /// <summary>How pixel values become network input.</summary>
    public required InputNormalization Normalization { get; init; }

    /// <summary>Name of the ONNX input tensor (float32, N x Channels x WindowSize x WindowSize).</summary>
    public string InputName { get; init; } = "input";

    /// <summary>Name of the ONNX output tensor (float32 logits, N x classes).</summary>
    public string OutputName { get; init; } = "logits";

    /// <summary>
    /// Name of the ONNX output holding each window's pooled features, the vector the classifier head
    /// reads (float32, N x D), or null when the graph exposes none (models written before version 3).
    /// Scoring fetches it only when named, for the Unfamiliarity gate.
    /// </summary>
    public string? FeaturesOutputName { get; init; }

    /// <summary>Softmax temperature fitted on the validation part (1 = uncalibrated).</summary>
    public double Temperature { get; init; } = 1.0;

    /// <summary>Images whose calibrated confidence is below this go to review.</summary>
    public double ReviewThreshold { get; init; }

    /// <summary>Limits of the image-quality gate (focus, exposure, empty field, empty windows).</summary>
    public QualityGateLimits QualityGate { get; init; } = new();

    /// <summary>Where the weights came from.</summary>
    public TrainingProvenance? Provenance { get; init; }

    /// <summary>Evaluation figures attached at training time (name to value, e.g. "test.macroF1").</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>
    /// The severity of each class: <see cref="ClassSeverities"/> when given, else what manifests before
    /// version 3 meant by their class names (good 0, differentiating 1, abnormal 2; any other class set is
    /// unordered, all 0). The only place class names carry meaning.
    /// </summary>
    public IReadOnlyList<int> Severities()
    {
        if (ClassSeverities is { } given)
        {
            return given;
        }

        var legacy = LegacyHierarchy(ClassNames);
        return legacy ?? new int[ClassNames.Count];
    }

    /// <summary>The aggregation rule: <see cref="Aggregation"/> when given, else the rule of manifest versions 1 and 2.</summary>
    public ImageAggregation ImageAggregationRule() =>
        Aggregation ?? new ImageAggregation(LegacyHierarchy(ClassNames) is null ? AggregationRule.Mean : AggregationRule.WorstWindowHierarchy);

    private static int[]? LegacyHierarchy(IReadOnlyList<string> names)
    {
        string[] order = ["good", "differentiating", "abnormal"];
        if (names.Count != order.Length)
        {
            return null;
        }

        var severities = new int[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            var level = Array.FindIndex(order, o => string.Equals(o, names[i], StringComparison.OrdinalIgnoreCase));
            if (level < 0 || Array.IndexOf(severities, level, 0, i) >= 0)
            {
                return null;
            }

            severities[i] = level;
        }

        return severities;
    }
}

/// <summary>
/// Pixel value to network input: <c>x = (v / FullScale - Mean) / Std</c>, where FullScale is
/// 255 for 8-bit and 65535 for 16-bit sources. The graph itself may standardise each window
/// further (<see cref="PerWindowStandardization"/>).
/// </summary>
/// <param name="Mean">Offset subtracted after scaling to [0,1].</param>
/// <param name="Std">Divisor applied after subtracting <paramref name="Mean"/>.</param>
/// <param name="PerWindowStandardization">True when the network's first op standardises every window to zero mean and unit variance (InstanceNormalization), which makes scores independent of exposure and bit depth.</param>
public sealed record InputNormalization(double Mean = 0.0, double Std = 1.0, bool PerWindowStandardization = true);

/// <summary>Limits of the image-quality gate, calibrated on training data and stored with the model.</summary>
public sealed record QualityGateLimits
{
    /// <summary>Below this focus measure (variance of the Laplacian at canonical scale, on [0,1] grey) the image is out of focus.</summary>
    public double MinFocus { get; init; }

    /// <summary>Above this fraction of pixels at the top of the range the image is over-exposed.</summary>
    public double MaxOverExposedFraction { get; init; } = 0.05;

    /// <summary>Above this fraction of pixels at the bottom of the range the image is under-exposed.</summary>
    public double MaxUnderExposedFraction { get; init; } = 0.05;

    /// <summary>A window whose texture (by <see cref="TextureMeasure"/>) is below this is empty background and does not vote.</summary>
    public double MinWindowTexture { get; init; }

    /// <summary>
    /// The texture measure <see cref="MinWindowTexture"/> was calibrated for, and scoring must use.
    /// Version 1 manifests have no such field and are read as <see cref="Model.TextureMeasure.Std"/>.
    /// </summary>
    [JsonConverter(typeof(JsonStringEnumConverter<TextureMeasure>))]
    public TextureMeasure TextureMeasure { get; init; } = TextureMeasure.QuadraticDetrendedStd;

    /// <summary>An image with fewer voting windows than this fraction of all windows is an empty field.</summary>
    public double MinVotingFraction { get; init; } = 0.02;
}

/// <summary>Training provenance recorded in the model.</summary>
/// <param name="ToolVersion">ColonyQc version that trained the model.</param>
/// <param name="TrainedAtUtc">When training finished (UTC, ISO 8601).</param>
/// <param name="DataManifestSha256">SHA-256 of the sorted list of (path, label, group, file sha256) used.</param>
/// <param name="Seed">Random seed.</param>
/// <param name="Epochs">Epochs actually run.</param>
/// <param name="TrainingImages">Images in the training part.</param>
/// <param name="ValidationImages">Images in the validation part.</param>
/// <param name="StartedFrom">The model fine-tuned from, or null when trained from scratch.</param>
/// <param name="Notes">Free text, e.g. "trained on simulated images".</param>
public sealed record TrainingProvenance(
    string ToolVersion,
    string TrainedAtUtc,
    string DataManifestSha256,
    int Seed,
    int Epochs,
    int TrainingImages,
    int ValidationImages,
    string? StartedFrom = null,
    string? Notes = null);

/// <summary>Reads and writes <see cref="ModelManifest"/> JSON, checking the format version.</summary>
public static class ModelManifestSerializer
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Serialises a manifest to JSON.</summary>
    public static string ToJson(ModelManifest manifest) => JsonSerializer.Serialize(manifest, Options);

    /// <summary>Parses a manifest and checks its version; <paramref name="source"/> names the model in errors.</summary>
    /// <exception cref="InvalidModelException">The JSON is malformed, incomplete or of another format version.</exception>
    public static ModelManifest FromJson(string json, string source)
    {
        ModelManifest? manifest;
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (!doc.RootElement.TryGetProperty("formatVersion", out var v) || v.ValueKind != JsonValueKind.Number)
            {
                throw new InvalidModelException(source, "the manifest has no formatVersion");
            }

            var version = v.GetInt32();
            if (version < ModelManifest.OldestReadableFormatVersion || version > ModelManifest.CurrentFormatVersion)
            {
                throw new InvalidModelException(source, $"manifest format version {version} is not supported (this ColonyQc reads versions {ModelManifest.OldestReadableFormatVersion} to {ModelManifest.CurrentFormatVersion})");
            }

            var measure = TextureMeasureOf(doc.RootElement, version, source);
            manifest = JsonSerializer.Deserialize<ModelManifest>(json, Options);
            if (manifest?.QualityGate is not null)
            {
                manifest = manifest with { QualityGate = manifest.QualityGate with { TextureMeasure = measure } };
            }
        }
        catch (JsonException ex)
        {
            throw new InvalidModelException(source, "the manifest is not valid JSON: " + ex.Message, ex);
        }

        if (manifest is null || manifest.ClassNames.Count < 2 || manifest.WindowSize <= 0 || manifest.WindowStride <= 0 || manifest.UmPerPixel <= 0)
        {
            throw new InvalidModelException(source, "the manifest is incomplete (classes, window size, stride and um/px are required)");
        }

        CheckAggregation(manifest, source);
        return manifest;
    }

    private static void CheckAggregation(ModelManifest manifest, string source)
    {
        if (manifest.ClassSeverities is { } severities)
        {
            if (severities.Count != manifest.ClassNames.Count)
            {
                throw new InvalidModelException(source, $"the manifest gives {severities.Count} class severities for {manifest.ClassNames.Count} classes");
            }

            if (severities.Any(s => s < 0))
            {
                throw new InvalidModelException(source, "the manifest gives a negative class severity");
            }
        }

        if (manifest.Aggregation is { } aggregation)
        {
            if (!Enum.IsDefined(aggregation.Rule))
            {
                throw new InvalidModelException(source, $"the manifest's aggregation rule {(int)aggregation.Rule} is not known to this ColonyQc");
            }

            if (aggregation.Rule == AggregationRule.OrderedPNorm
                && !(aggregation.Exponent >= ImageAggregation.MinExponent && aggregation.Exponent <= ImageAggregation.MaxExponent))
            {
                throw new InvalidModelException(source, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the manifest's aggregation exponent {aggregation.Exponent} is outside {ImageAggregation.MinExponent}-{ImageAggregation.MaxExponent}"));
            }
        }
    }

    // Version 1 predates the field: its texture limit is for the plain standard deviation, whatever
    // the C# default is now. From version 2 the field must name a measure this code knows.
    private static TextureMeasure TextureMeasureOf(JsonElement root, int version, string source)
    {
        if (version == 1)
        {
            return TextureMeasure.Std;
        }

        if (!root.TryGetProperty("qualityGate", out var gate) || gate.ValueKind != JsonValueKind.Object
            || !gate.TryGetProperty("textureMeasure", out var name) || name.ValueKind != JsonValueKind.String)
        {
            throw new InvalidModelException(source, $"the version {version} manifest names no qualityGate.textureMeasure");
        }

        if (!Enum.TryParse<TextureMeasure>(name.GetString(), ignoreCase: false, out var measure) || !Enum.IsDefined(measure) || int.TryParse(name.GetString(), out _))
        {
            throw new InvalidModelException(source, $"the manifest's texture measure \"{name.GetString()}\" is not known to this ColonyQc (it knows {string.Join(", ", Enum.GetNames<TextureMeasure>())})");
        }

        return measure;
    }
}
