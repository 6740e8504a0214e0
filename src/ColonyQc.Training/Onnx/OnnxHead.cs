using ColonyQc.Inference.Model;
using ColonyQc.Training.Onnx.Protos;
using Google.Protobuf;

namespace ColonyQc.Training.Onnx;

/// <summary>
/// The classifier head of any ColonyQc model file (ColonyNet or the ImageNet ResNet-18 trunk): the Gemm
/// that turns the pooled window features into the logits. Head fine-tuning reads it, runs the graph's
/// features output, and writes a copy of the graph with a new head, so the backbone's weights stay
/// byte for byte what they were.
/// </summary>
internal sealed class OnnxHead
{
    private readonly ModelProto _model;
    private readonly NodeProto _gemm;

    private OnnxHead(ModelProto model, NodeProto gemm, string featuresOutput, int featureChannels, float[] weight, float[] bias)
    {
        _model = model;
        _gemm = gemm;
        FeaturesOutput = featuresOutput;
        FeatureChannels = featureChannels;
        Weight = weight;
        Bias = bias;
    }

    /// <summary>The graph output holding the pooled features (declared by <see cref="Open"/> when the file had none).</summary>
    public string FeaturesOutput { get; }

    /// <summary>Length of one window's feature vector.</summary>
    public int FeatureChannels { get; }

    /// <summary>The head's weight (classes x features, row-major).</summary>
    public float[] Weight { get; }

    /// <summary>The head's bias.</summary>
    public float[] Bias { get; }

    /// <summary>The head of <paramref name="model"/>, whose logits output <paramref name="manifest"/> names.</summary>
    /// <exception cref="InvalidModelException">The logits do not come from a Gemm over a features tensor with initializer weights.</exception>
    public static OnnxHead Open(ModelProto model, ModelManifest manifest, string source)
    {
        var gemm = model.Graph.Node.FirstOrDefault(n => n.Output.Contains(manifest.OutputName));
        var initializers = model.Graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);
        if (gemm is null || gemm.OpType != "Gemm" || gemm.Input.Count != 3
            || !initializers.TryGetValue(gemm.Input[1], out var w) || !initializers.TryGetValue(gemm.Input[2], out var b) || w.Dims.Count != 2)
        {
            throw new InvalidModelException(source, $"its logits \"{manifest.OutputName}\" do not come from a Gemm with initializer weights: only the head of a ColonyQc model can be fine-tuned this way");
        }

        var transposed = gemm.Attribute.Any(a => a.Name == "transB" && a.I == 1);
        if (!transposed)
        {
            throw new InvalidModelException(source, "the head Gemm does not have transB = 1 (weights [classes, features])");
        }

        var features = gemm.Input[0];
        var copy = model.Clone();
        if (!copy.Graph.Output.Any(o => o.Name == features))
        {
            copy.Graph.Output.Add(OnnxGraphBuilder.FloatValue(features, null, w.Dims[1]));
        }

        return new OnnxHead(copy, copy.Graph.Node.First(n => n.Output.Contains(manifest.OutputName)), features, (int)w.Dims[1], Floats(w), Floats(b));
    }

    /// <summary>The model bytes with the features output declared, for ONNX Runtime.</summary>
    public byte[] ModelBytes() => _model.ToByteArray();

    /// <summary>A copy of the model with the head <paramref name="weight"/>/<paramref name="bias"/> and <paramref name="manifest"/>.</summary>
    /// <exception cref="ArgumentException">The lengths do not fit the features.</exception>
    public ModelProto WithHead(float[] weight, float[] bias, ModelManifest manifest)
    {
        var classes = bias.Length;
        if (weight.Length != classes * FeatureChannels)
        {
            throw new ArgumentException($"a head for {classes} classes of {FeatureChannels} features needs {classes * FeatureChannels} weights, not {weight.Length}");
        }

        var model = _model.Clone();
        var gemm = model.Graph.Node.First(n => n.Name == _gemm.Name && n.Output.SequenceEqual(_gemm.Output));
        Replace(model.Graph, gemm.Input[1], weight, [classes, FeatureChannels]);
        Replace(model.Graph, gemm.Input[2], bias, [classes]);
        var logits = model.Graph.Output.First(o => o.Name == manifest.OutputName);
        logits.Type = OnnxGraphBuilder.FloatValue(manifest.OutputName, null, classes).Type;

        var features = model.Graph.Output.FirstOrDefault(o => o.Name == FeaturesOutput);
        if (features is null)
        {
            model.Graph.Output.Add(OnnxGraphBuilder.FloatValue(FeaturesOutput, null, FeatureChannels));
        }

        model.ModelVersion = manifest.FormatVersion;
        model.MetadataProps.Clear();
        model.MetadataProps.Add(new StringStringEntryProto { Key = ModelManifest.MetadataKey, Value = ModelManifestSerializer.ToJson(manifest with { FeaturesOutputName = FeaturesOutput }) });
        return model;
    }

    private static void Replace(GraphProto graph, string name, float[] values, long[] dims)
    {
        var index = graph.Initializer.ToList().FindIndex(i => i.Name == name);
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        proto.Dims.AddRange(dims);
        proto.RawData = ByteString.CopyFrom(OnnxTensorData.ToLittleEndian(values));
        graph.Initializer[index] = proto;
    }

    private static float[] Floats(TensorProto tensor) =>
        tensor.RawData.IsEmpty ? tensor.FloatData.ToArray() : OnnxTensorData.FromLittleEndian(tensor.RawData.Span);
}
