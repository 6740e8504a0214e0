namespace ColonyQc.MLNet;

/// <summary>The ONNX model's output row as the softmax step reads it (column renamed to the manifest's output name).</summary>
public sealed class ColonyQcLogits
{
    /// <summary>Raw logits, one per class.</summary>
    public float[] Logits { get; set; } = [];
}
