using System.Globalization;
using System.Reflection;
using ColonyQc.Inference.Model;
using ColonyQc.Training.Onnx.Protos;
using Google.Protobuf;

namespace ColonyQc.Training.Onnx;

/// <summary>
/// A ColonyQc window classifier on the ImageNet-trained ResNet-18 that NuGet's
/// Microsoft.ML.DnnImageFeaturizer.ResNet18 package carries (MIT): its convolutional trunk, up to the end
/// of a chosen stage, turned into a grey-window feature extractor, plus a linear head. The trunk keeps its
/// ImageNet weights (frozen: only the head is trained, on cached features), so a lab with a few labelled
/// images gets features learned from a million natural images rather than from one simulator.
/// </summary>
/// <remarks>
/// What changes against the package's graph (whose input is BGR 0-255 minus a mean image):
/// the input is one grey window, standardised per window by InstanceNormalization and multiplied by the
/// typical spread of ImageNet pixels, so a window looks to the trunk like a natural image of mean zero;
/// the first convolution's weights are summed over the three colour channels (a grey image is the same
/// in B, G and R); BatchNormalization's <c>spatial</c> attribute, gone since opset 9, is dropped; after the
/// cut, GlobalAveragePool and Flatten give the features output and a Gemm the logits.
/// </remarks>
internal static class ImageNetResNet18
{
    /// <summary>Architecture family written first in the manifest's architecture string.</summary>
    public const string Family = "ImageNetResNet18";

    /// <summary>Where the build copies the package's ONNX file, relative to the application folder.</summary>
    public const string PackagedFile = "pretrained/resnet18-imagenet.onnx";

    /// <summary>Name of the graph's features output.</summary>
    public const string FeaturesOutput = "features";

    // ImageNet pixel standard deviation in 0-255 units (about 58 for each channel): the scale of the
    // package's inputs once the mean is removed.
    private const float PixelSpread = 58f;

    /// <summary>Feature channels at the end of each stage (1-4).</summary>
    public static int FeatureChannels(int stages) => stages switch
    {
        1 => 64,
        2 => 128,
        3 => 256,
        4 => 512,
        _ => throw new ArgumentOutOfRangeException(nameof(stages), stages, "ResNet-18 has stages 1 to 4"),
    };

    /// <summary>The packaged file next to the running application, or an error that says how to get it.</summary>
    /// <exception cref="FileNotFoundException">The file is not there.</exception>
    public static string LocatePackagedFile()
    {
        var path = Path.Combine(AppContext.BaseDirectory, PackagedFile);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"the ImageNet ResNet-18 weights are not at {path}: they come with the NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18 0.24.0, which building ColonyQc.Training downloads and copies there", path);
    }

    /// <summary>The architecture string for a trunk cut after <paramref name="stages"/> stages.</summary>
    public static string Architecture(int stages, int classes) =>
        string.Create(CultureInfo.InvariantCulture, $"{Family};stages={stages};classes={classes}");

    /// <summary>Stages of an architecture string of this family, or null when it is another family.</summary>
    public static int? StagesOf(string architecture)
    {
        var parts = architecture.Split(';', StringSplitOptions.TrimEntries);
        if (parts.Length == 0 || parts[0] != Family)
        {
            return null;
        }

        var stages = parts.FirstOrDefault(p => p.StartsWith("stages=", StringComparison.Ordinal));
        return stages is not null && int.TryParse(stages["stages=".Length..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : null;
    }

    /// <summary>
    /// The model: the package's trunk (read from <paramref name="sourcePath"/>) up to stage
    /// <paramref name="stages"/>, for grey <paramref name="windowSize"/> windows, with the head
    /// <paramref name="headWeight"/> (classes x features, row-major) and <paramref name="headBias"/>, and
    /// <paramref name="manifest"/> in its metadata.
    /// </summary>
    /// <exception cref="InvalidModelException">The source file is not the expected ResNet-18.</exception>
    public static ModelProto Build(string sourcePath, int stages, int windowSize, float[] headWeight, float[] headBias, ModelManifest manifest)
    {
        var source = OnnxModelReader.Read(sourcePath);
        var graph = source.Graph;
        var sourceInput = graph.Input[0].Name;
        var initializers = graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);

        // A block ends in a Relu whose input is an Add (the residual sum). A block that starts a stage adds a
        // projected shortcut (both inputs of its Add come from batch normalisations); stage k ends just before
        // the k-th such block, the last stage with the last block. (This package's graph has 2, 2, 2 and 3
        // blocks per stage.)
        var producers = graph.Node.SelectMany(n => n.Output.Select(o => (o, n))).ToDictionary(p => p.o, p => p.n, StringComparer.Ordinal);
        var blocks = graph.Node.Where(n => n.OpType == "Relu" && producers.TryGetValue(n.Input[0], out var p) && p.OpType == "Add")
            .Select(n => (End: n.Output[0], Projection: producers[n.Input[0]].Input.All(i => producers.TryGetValue(i, out var q) && q.OpType == "BatchNormalization")))
            .ToList();
        var stageStarts = blocks.Select((b, i) => (b, i)).Where(t => t.b.Projection).Select(t => t.i).ToList();
        if (blocks.Count < 8 || stageStarts.Count != 3 || stageStarts[0] == 0)
        {
            throw new InvalidModelException(sourcePath, $"not the ResNet-18 of Microsoft.ML.DnnImageFeaturizer.ResNet18: {blocks.Count} residual blocks, {stageStarts.Count} stage transitions");
        }

        var cut = stages == 4 ? blocks[^1].End : blocks[stageStarts[stages - 1] - 1].End;
        var g = new OnnxGraphBuilder(Family);
        g.Graph.Input.Add(OnnxGraphBuilder.FloatValue(manifest.InputName, null, 1, windowSize, windowSize));
        var x = g.Node("InstanceNormalization", "norm", [manifest.InputName, g.Initializer("norm.scale", [1f], [1]), g.Initializer("norm.bias", [0f], [1])], OnnxGraphBuilder.Float("epsilon", 1e-4f));
        x = g.Node("Mul", "spread", [x, g.Initializer("spread.value", [PixelSpread], [])]);

        var firstConv = true;
        var added = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            var copy = node.Clone();
            for (var i = 0; i < copy.Input.Count; i++)
            {
                if (copy.Input[i] == sourceInput)
                {
                    copy.Input[i] = x;
                }
                else if (initializers.TryGetValue(copy.Input[i], out var weight) && added.Add(weight.Name))
                {
                    g.Graph.Initializer.Add(firstConv && copy.OpType == "Conv" && i == 1 ? GreyConv(weight) : weight.Clone());
                }
            }

            if (copy.OpType == "Conv")
            {
                firstConv = false;
            }

            if (copy.OpType == "BatchNormalization")
            {
                var spatial = copy.Attribute.FirstOrDefault(a => a.Name == "spatial");
                if (spatial is not null)
                {
                    copy.Attribute.Remove(spatial);
                }
            }

            g.Graph.Node.Add(copy);
            if (copy.Output.Contains(cut))
            {
                break;
            }
        }

        var pooled = g.Node("GlobalAveragePool", "pool", [cut]);
        var features = g.NodeTo("Flatten", "flatten", FeaturesOutput, [pooled], OnnxGraphBuilder.Int("axis", 1));
        var classes = headBias.Length;
        var d = FeatureChannels(stages);
        g.NodeTo("Gemm", "head", manifest.OutputName, [features, g.Initializer("head.weight", headWeight, [classes, d]), g.Initializer("head.bias", headBias, [classes])], OnnxGraphBuilder.Int("transB", 1));
        g.Graph.Output.Add(OnnxGraphBuilder.FloatValue(manifest.OutputName, null, classes));
        g.Graph.Output.Add(OnnxGraphBuilder.FloatValue(FeaturesOutput, null, d));

        var model = new ModelProto
        {
            IrVersion = ColonyNetOnnx.IrVersion,
            ProducerName = ColonyNetOnnx.ProducerName,
            ProducerVersion = typeof(ImageNetResNet18).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
            Domain = "org.colonyqc",
            ModelVersion = manifest.FormatVersion,
            DocString = "ColonyQc iPSC colony window classifier on an ImageNet ResNet-18 trunk; manifest in metadata_props[\"" + ModelManifest.MetadataKey + "\"]",
            Graph = g.Graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = ColonyNetOnnx.OpsetVersion });
        model.MetadataProps.Add(new StringStringEntryProto { Key = ModelManifest.MetadataKey, Value = ModelManifestSerializer.ToJson(manifest) });
        return model;
    }

    // [64, 3, 7, 7] -> [64, 1, 7, 7]: a grey pixel is the same value in every colour channel.
    private static TensorProto GreyConv(TensorProto weight)
    {
        var values = weight.RawData.IsEmpty ? weight.FloatData.ToArray() : OnnxTensorData.FromLittleEndian(weight.RawData.Span);
        var outChannels = (int)weight.Dims[0];
        var inChannels = (int)weight.Dims[1];
        var kernel = (int)(weight.Dims[2] * weight.Dims[3]);
        var grey = new float[outChannels * kernel];
        for (var o = 0; o < outChannels; o++)
        {
            for (var c = 0; c < inChannels; c++)
            {
                for (var k = 0; k < kernel; k++)
                {
                    grey[(o * kernel) + k] += values[(((o * inChannels) + c) * kernel) + k];
                }
            }
        }

        var proto = new TensorProto { Name = weight.Name, DataType = (int)TensorProto.Types.DataType.Float };
        proto.Dims.AddRange([outChannels, 1, weight.Dims[2], weight.Dims[3]]);
        proto.RawData = ByteString.CopyFrom(OnnxTensorData.ToLittleEndian(grey));
        return proto;
    }
}
