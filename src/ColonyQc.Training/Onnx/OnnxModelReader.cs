using ColonyQc.Inference.Model;
using ColonyQc.Training.Onnx.Protos;
using Google.Protobuf;

namespace ColonyQc.Training.Onnx;

/// <summary>Reads an ONNX model file into the project's own protobuf types.</summary>
internal static class OnnxModelReader
{
    /// <summary>Parses the file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidModelException">The file is missing, unreadable or not an ONNX model.</exception>
    public static ModelProto Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidModelException(path, "the model file does not exist");
        }

        ModelProto model;
        try
        {
            using var stream = File.OpenRead(path);
            model = ModelProto.Parser.ParseFrom(stream);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidModelException(path, "not an ONNX model (the protobuf does not parse: " + ex.Message + ")", ex);
        }
        catch (IOException ex)
        {
            throw new InvalidModelException(path, "the model file cannot be read: " + ex.Message, ex);
        }

        if (model.Graph is null || model.IrVersion <= 0)
        {
            throw new InvalidModelException(path, "not an ONNX model (no IR version or no graph)");
        }

        return model;
    }
}
