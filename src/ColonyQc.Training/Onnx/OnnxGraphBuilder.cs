using ColonyQc.Training.Onnx.Protos;
using Google.Protobuf;
using static TorchSharp.torch;

namespace ColonyQc.Training.Onnx;

/// <summary>Appends nodes and float32 initializers to an ONNX graph, in order.</summary>
internal sealed class OnnxGraphBuilder
{
    public OnnxGraphBuilder(string name) => Graph = new GraphProto { Name = name };

    public GraphProto Graph { get; }

    /// <summary>Adds a float32 initializer holding <paramref name="tensor"/>'s values (little-endian raw_data) and returns its name.</summary>
    public string Initializer(string name, Tensor tensor)
    {
        using var scope = NewDisposeScope();
        var values = tensor.detach().cpu().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();
        return Initializer(name, values, tensor.shape);
    }

    /// <summary>Adds a float32 initializer and returns its name.</summary>
    public string Initializer(string name, float[] values, long[] dims)
    {
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        proto.Dims.AddRange(dims);
        proto.RawData = ByteString.CopyFrom(OnnxTensorData.ToLittleEndian(values));
        Graph.Initializer.Add(proto);
        return name;
    }

    /// <summary>Adds a node named <paramref name="name"/> whose single output has the same name, and returns it.</summary>
    public string Node(string opType, string name, IEnumerable<string> inputs, params AttributeProto[] attributes)
        => NodeTo(opType, name, name, inputs, attributes);

    /// <summary>Adds a node whose single output is <paramref name="output"/> (e.g. a graph output), and returns it.</summary>
    public string NodeTo(string opType, string name, string output, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return output;
    }

    /// <summary>Declares a float32 graph input or output; a null dimension is the symbolic batch size <c>N</c>.</summary>
    public static ValueInfoProto FloatValue(string name, params long?[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
        {
            shape.Dim.Add(d is { } v ? new TensorShapeProto.Types.Dimension { DimValue = v } : new TensorShapeProto.Types.Dimension { DimParam = "N" });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }

    public static AttributeProto Int(string name, long value)
        => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value)
        => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }
}
