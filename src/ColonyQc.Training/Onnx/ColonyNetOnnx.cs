using System.Reflection;
using ColonyQc.Inference.Model;
using ColonyQc.Training.Network;
using ColonyQc.Training.Onnx.Protos;
using static TorchSharp.torch;

namespace ColonyQc.Training.Onnx;

/// <summary>
/// Writes a <see cref="ColonyNet"/> as one self-describing ONNX model (opset 17, IR version 8,
/// weights as initializers named like the state dict, the manifest in metadata_props) and reads
/// such a file back into a trainable network. Batch normalisations stay explicit nodes rather than
/// being folded into the convolutions, so the import restores exactly the weights that were trained.
/// </summary>
public static class ColonyNetOnnx
{
    /// <summary>ONNX IR version written (ONNX 1.10+ readers).</summary>
    public const long IrVersion = 8;

    /// <summary>Default-domain operator set written.</summary>
    public const long OpsetVersion = 17;

    /// <summary>producer_name of every ColonyQc model.</summary>
    public const string ProducerName = "ColonyQc";

    private const string NumBatchesTracked = "num_batches_tracked";

    /// <summary>
    /// A manifest for <paramref name="net"/> with the fields its configuration fixes (architecture,
    /// window, stride, scale, channels) and the given class names; the rest keeps its defaults.
    /// </summary>
    public static ModelManifest CreateManifest(ColonyNet net, IReadOnlyList<string> classNames)
    {
        var config = net.Config;
        if (classNames.Count != config.ClassCount)
        {
            throw new ArgumentException($"{classNames.Count} class names for a network with {config.ClassCount} outputs", nameof(classNames));
        }

        return new ModelManifest
        {
            Architecture = config.Architecture,
            ClassNames = classNames.ToArray(),
            WindowSize = config.WindowSize,
            WindowStride = config.WindowStride,
            UmPerPixel = config.UmPerPixel,
            Normalization = new InputNormalization(),
        };
    }

    /// <summary>
    /// Writes <paramref name="net"/> (its current weights and batch-norm statistics) with
    /// <paramref name="manifest"/> to <paramref name="path"/>, atomically (temporary file, then rename).
    /// </summary>
    /// <exception cref="ArgumentException">The manifest does not describe this network (architecture, window, stride, scale, classes, channels or tensor names differ).</exception>
    public static void Export(ColonyNet net, ModelManifest manifest, string path)
        => OnnxModelWriter.Write(ToModel(net, manifest), path);

    /// <summary>
    /// Reads a ColonyQc model back: a fresh <see cref="ColonyNet"/> of the recorded architecture with
    /// every weight and batch-norm statistic loaded from the initializers, in evaluation mode, and
    /// the manifest.
    /// </summary>
    /// <exception cref="InvalidModelException">The file is missing, not ONNX, not a ColonyQc model, of an unknown architecture or manifest version, or lacks a weight.</exception>
    public static (ColonyNet Net, ModelManifest Manifest) Import(string path)
    {
        var model = OnnxModelReader.Read(path);
        var json = model.MetadataProps.FirstOrDefault(p => p.Key == ModelManifest.MetadataKey)?.Value;
        if (json is null)
        {
            var producer = string.IsNullOrEmpty(model.ProducerName) ? "an unnamed producer" : $"\"{model.ProducerName}\"";
            throw new InvalidModelException(path, $"not a ColonyQc model: it has no \"{ModelManifest.MetadataKey}\" metadata (written by {producer})");
        }

        var manifest = ModelManifestSerializer.FromJson(json, path);
        ColonyNetConfig config;
        try
        {
            config = ColonyNetConfig.FromArchitecture(manifest.Architecture, manifest.WindowSize, manifest.WindowStride, manifest.UmPerPixel);
        }
        catch (FormatException ex)
        {
            throw new InvalidModelException(path, ex.Message, ex);
        }

        if (config.ClassCount != manifest.ClassNames.Count)
        {
            throw new InvalidModelException(path, $"the architecture has {config.ClassCount} outputs but the manifest names {manifest.ClassNames.Count} classes");
        }

        var initializers = new Dictionary<string, TensorProto>(StringComparer.Ordinal);
        foreach (var tensor in model.Graph.Initializer)
        {
            initializers[tensor.Name] = tensor;
        }

        var net = ColonyNet.Create(config);
        try
        {
            using (no_grad())
            {
                foreach (var (name, target) in net.state_dict())
                {
                    if (name.EndsWith(NumBatchesTracked, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    if (!initializers.TryGetValue(name, out var source))
                    {
                        throw new InvalidModelException(path, $"weight \"{name}\" of {ColonyNetConfig.Family} is missing from the initializers");
                    }

                    var values = ReadFloats(source, path);
                    var expected = target.shape;
                    if (!source.Dims.SequenceEqual(expected) || values.Length != target.numel())
                    {
                        throw new InvalidModelException(path, $"weight \"{name}\" has shape [{string.Join(",", source.Dims)}] ({values.Length} values); the architecture needs [{string.Join(",", expected)}]");
                    }

                    using var loaded = tensor(values, expected);
                    target.copy_(loaded);
                }
            }
        }
        catch
        {
            net.Dispose();
            throw;
        }

        net.eval();
        return (net, manifest);
    }

    internal static ModelProto ToModel(ColonyNet net, ModelManifest manifest)
    {
        CheckManifest(net, manifest);
        var config = net.Config;
        var g = new OnnxGraphBuilder(ColonyNetConfig.Family);
        var state = net.state_dict();
        string Weight(string name) => g.Initializer(name, state[name]);
        string[] BatchNormInputs(string prefix) =>
            [Weight(prefix + ".weight"), Weight(prefix + ".bias"), Weight(prefix + ".running_mean"), Weight(prefix + ".running_var")];

        string ConvBn(string x, string conv, string bn, int kernel, int stride)
        {
            var pad = kernel / 2;
            var c = g.Node("Conv", conv, [x, Weight(conv + ".weight")], OnnxGraphBuilder.Ints("kernel_shape", kernel, kernel), OnnxGraphBuilder.Ints("strides", stride, stride), OnnxGraphBuilder.Ints("pads", pad, pad, pad, pad), OnnxGraphBuilder.Ints("dilations", 1, 1), OnnxGraphBuilder.Int("group", 1));
            // ONNX momentum weighs the running value (PyTorch's weighs the new batch): 1 - 0.1.
            return g.Node("BatchNormalization", bn, [c, .. BatchNormInputs(bn)], OnnxGraphBuilder.Float("epsilon", (float)ColonyNetConfig.BatchNormEpsilon), OnnxGraphBuilder.Float("momentum", 0.9f));
        }

        g.Graph.Input.Add(OnnxGraphBuilder.FloatValue(manifest.InputName, null, 1, config.WindowSize, config.WindowSize));
        g.Graph.Output.Add(OnnxGraphBuilder.FloatValue(manifest.OutputName, null, config.ClassCount));

        // InstanceNormalization requires scale and bias inputs; the network's has no affine part, so they are 1 and 0.
        var x = g.Node("InstanceNormalization", "norm", [manifest.InputName, g.Initializer("norm.scale", [1f], [1]), g.Initializer("norm.bias", [0f], [1])], OnnxGraphBuilder.Float("epsilon", (float)config.InstanceNormEpsilon));
        x = g.Node("Relu", "stem_relu", [ConvBn(x, "stem", "stem_bn", config.StemKernel, config.StemStride)]);
        for (var s = 0; s < net.Stages.Count; s++)
        {
            for (var b = 0; b < net.Stages[s].Count; b++)
            {
                var block = net.Stages[s][b];
                var p = $"{ColonyNet.StageName(s)}.{b}";
                var y = g.Node("Relu", p + ".relu1", [ConvBn(x, p + ".conv1", p + ".bn1", 3, block.Stride)]);
                y = ConvBn(y, p + ".conv2", p + ".bn2", 3, 1);
                var skip = block.HasProjection ? ConvBn(x, p + ".shortcut", p + ".shortcut_bn", 1, block.Stride) : x;
                x = g.Node("Relu", p + ".relu2", [g.Node("Add", p + ".add", [y, skip])]);
            }
        }

        x = g.Node("Flatten", "flatten", [g.Node("GlobalAveragePool", "pool", [x])], OnnxGraphBuilder.Int("axis", 1));
        // Dropout is the identity at inference and is left out; the head is Gemm with B transposed (PyTorch's [out, in] weight).
        g.NodeTo("Gemm", "head", manifest.OutputName, [x, Weight("head.weight"), Weight("head.bias")], OnnxGraphBuilder.Int("transB", 1));

        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = ProducerName,
            ProducerVersion = typeof(ColonyNetOnnx).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
            Domain = "org.colonyqc",
            ModelVersion = manifest.FormatVersion,
            DocString = "ColonyQc iPSC colony window classifier; manifest in metadata_props[\"" + ModelManifest.MetadataKey + "\"]",
            Graph = g.Graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = OpsetVersion });
        model.MetadataProps.Add(new StringStringEntryProto { Key = ModelManifest.MetadataKey, Value = ModelManifestSerializer.ToJson(manifest) });
        return model;
    }

    private static void CheckManifest(ColonyNet net, ModelManifest manifest)
    {
        var c = net.Config;
        void Same<T>(T inManifest, T inNet, string what)
        {
            if (!EqualityComparer<T>.Default.Equals(inManifest, inNet))
            {
                throw new ArgumentException($"the manifest does not describe this network: {what} is {inManifest} in the manifest but {inNet} in the network", nameof(manifest));
            }
        }

        Same(manifest.Architecture, c.Architecture, "the architecture");
        Same(manifest.WindowSize, c.WindowSize, "the window size");
        Same(manifest.WindowStride, c.WindowStride, "the window stride");
        Same(manifest.UmPerPixel, c.UmPerPixel, "the um/px");
        Same(manifest.ClassNames.Count, c.ClassCount, "the class count");
        Same(manifest.Channels, 1, "the channel count");
        if (string.IsNullOrEmpty(manifest.InputName) || string.IsNullOrEmpty(manifest.OutputName) || manifest.InputName == manifest.OutputName)
        {
            throw new ArgumentException("the manifest needs distinct, non-empty input and output tensor names", nameof(manifest));
        }
    }

    private static float[] ReadFloats(TensorProto tensor, string path)
    {
        if (tensor.DataType != (int)TensorProto.Types.DataType.Float)
        {
            throw new InvalidModelException(path, $"initializer \"{tensor.Name}\" has ONNX data type {tensor.DataType}, expected float32 (1)");
        }

        if (!tensor.RawData.IsEmpty)
        {
            if (tensor.RawData.Length % sizeof(float) != 0)
            {
                throw new InvalidModelException(path, $"initializer \"{tensor.Name}\" has {tensor.RawData.Length} raw bytes, not a whole number of float32 values");
            }

            return OnnxTensorData.FromLittleEndian(tensor.RawData.Span);
        }

        return tensor.FloatData.ToArray();
    }
}
