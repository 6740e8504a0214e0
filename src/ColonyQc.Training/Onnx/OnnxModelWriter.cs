using ColonyQc.Training.Onnx.Protos;
using Google.Protobuf;

namespace ColonyQc.Training.Onnx;

/// <summary>Writes an ONNX model file atomically: to a temporary file beside the target, then renamed over it.</summary>
internal static class OnnxModelWriter
{
    /// <summary>Serialises <paramref name="model"/> to <paramref name="path"/>; a reader never sees a half-written file.</summary>
    public static void Write(ModelProto model, string path)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                model.WriteTo(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
