using ColonyQc.Inference.Model;
using ColonyQc.Training.Onnx.Protos;
using Google.Protobuf;

namespace ColonyQc.Training.Onnx;

/// <summary>
/// Reads and rewrites the manifest of a ColonyQc .onnx file without touching its graph or weights:
/// what changing calibrated limits without retraining needs. Only
/// <c>metadata_props["colonyqc.manifest"]</c> (and the ONNX model_version that mirrors the
/// manifest format version) changes; every other field of the file is re-serialised as read.
/// </summary>
public static class ManifestStamp
{
    /// <summary>The manifest stored in <paramref name="modelPath"/>.</summary>
    /// <exception cref="InvalidModelException">The file is missing, not ONNX, or carries no valid ColonyQc manifest.</exception>
    public static ModelManifest Read(string modelPath) => ManifestOf(OnnxModelReader.Read(modelPath), modelPath);

    /// <summary>
    /// Writes <paramref name="outputPath"/> (atomically; it may be <paramref name="modelPath"/>) as a
    /// copy of <paramref name="modelPath"/> whose manifest is <paramref name="change"/> applied to the
    /// stored one, stamped with <see cref="ModelManifest.CurrentFormatVersion"/>: the manifest is now
    /// written by this code, so it is in this code's format (an old file's implicit texture measure
    /// is kept explicitly, since <see cref="ModelManifestSerializer"/> reads version 1 as <see cref="TextureMeasure.Std"/>).
    /// Returns the new manifest.
    /// </summary>
    /// <exception cref="InvalidModelException">The input is not a ColonyQc model, or the changed manifest is incomplete.</exception>
    public static ModelManifest Restamp(string modelPath, string outputPath, Func<ModelManifest, ModelManifest> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var model = OnnxModelReader.Read(modelPath);
        var changed = change(ManifestOf(model, modelPath)) with { FormatVersion = ModelManifest.CurrentFormatVersion };
        var json = ModelManifestSerializer.ToJson(changed);

        // Parse what will be stored, so a change that breaks the manifest fails here and not at scoring.
        var stored = ModelManifestSerializer.FromJson(json, outputPath);
        var entry = model.MetadataProps.Single(p => p.Key == ModelManifest.MetadataKey);
        entry.Value = json;
        model.ModelVersion = stored.FormatVersion;
        OnnxModelWriter.Write(model, outputPath);
        return stored;
    }

    /// <summary>The serialised graph (nodes and initializers) of <paramref name="modelPath"/>, to show that a restamp left the weights alone.</summary>
    /// <exception cref="InvalidModelException">The file is missing or not ONNX.</exception>
    public static byte[] GraphBytes(string modelPath) => OnnxModelReader.Read(modelPath).Graph.ToByteArray();

    internal static ModelManifest ManifestOf(ModelProto model, string path)
    {
        var entries = model.MetadataProps.Where(p => p.Key == ModelManifest.MetadataKey).ToList();
        if (entries.Count != 1)
        {
            throw new InvalidModelException(path, entries.Count == 0
                ? $"not a ColonyQc model: it has no \"{ModelManifest.MetadataKey}\" metadata"
                : $"it has {entries.Count} \"{ModelManifest.MetadataKey}\" metadata entries");
        }

        return ModelManifestSerializer.FromJson(entries[0].Value, path);
    }
}
