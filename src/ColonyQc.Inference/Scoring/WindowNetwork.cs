using ColonyQc.Inference.Model;
using ColonyQc.Inference.Preprocessing;
using Microsoft.ML.OnnxRuntime;

namespace ColonyQc.Inference.Scoring;

/// <summary>
/// The shared ONNX Runtime session and what every call to it needs (tensor names, window and class
/// counts). <see cref="InferenceSession"/>.Run is thread-safe, so one instance serves every caller;
/// each caller runs its windows through a <see cref="NetworkLane"/> of its own.
/// </summary>
/// <remarks>
/// Why results do not depend on batch size, position or thread count: the session runs every call on
/// one intra-op thread (the thread partitioning of a GEMM changes the summation order), parallelism
/// comes from running several calls at once, and every input tensor starts on a 64-byte boundary
/// (<see cref="WindowBatch"/>: the only thing measured to move a window's logits once the thread count
/// is fixed). A window's logits then depend only on its pixels, bit for bit.
/// </remarks>
internal sealed class WindowNetwork
{
    public WindowNetwork(InferenceSession session, ModelManifest manifest)
    {
        Session = session;
        InputName = manifest.InputName;
        OutputName = manifest.OutputName;
        WindowSize = manifest.WindowSize;
        ClassCount = manifest.ClassNames.Count;
        Aggregator = WindowAggregator.For(manifest);
    }

    /// <summary>The model's image-from-windows rule.</summary>
    public WindowAggregator Aggregator { get; }

    /// <summary>The session every lane runs on.</summary>
    public InferenceSession Session { get; }

    /// <summary>Name of the window input tensor.</summary>
    public string InputName { get; }

    /// <summary>Name of the logits output tensor.</summary>
    public string OutputName { get; }

    /// <summary>Window side in pixels.</summary>
    public int WindowSize { get; }

    /// <summary>Logits per window.</summary>
    public int ClassCount { get; }

    /// <summary>
    /// A lane over <paramref name="batch"/>: runs its windows in calls of at most
    /// <paramref name="callWindows"/> windows, up to <paramref name="parallelism"/> calls at once.
    /// </summary>
    public NetworkLane OpenLane(WindowBatch batch, int callWindows, int parallelism) => new(this, batch, callWindows, parallelism);
}
