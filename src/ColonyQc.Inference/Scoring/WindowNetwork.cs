using ColonyQc.Inference.Model;
using ColonyQc.Inference.Preprocessing;
using Microsoft.ML.OnnxRuntime;

namespace ColonyQc.Inference.Scoring;

/// <summary>
/// Runs the shared ONNX Runtime session on a <see cref="WindowBatch"/>: N x 1 x W x W floats in,
/// N x classes logits out, written straight into the caller's span (no copies of the batch).
/// <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue})"/>
/// is thread-safe, so one instance serves every caller.
/// </summary>
internal sealed class WindowNetwork
{
    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly int _windowSize;

    public WindowNetwork(InferenceSession session, ModelManifest manifest)
    {
        _session = session;
        _inputNames = [manifest.InputName];
        _outputNames = [manifest.OutputName];
        _windowSize = manifest.WindowSize;
        ClassCount = manifest.ClassNames.Count;
    }

    /// <summary>Logits per window.</summary>
    public int ClassCount { get; }

    /// <summary>Runs the network on the <see cref="WindowBatch.Count"/> windows of <paramref name="batch"/>, writing Count*ClassCount logits.</summary>
    public void Run(WindowBatch batch, Memory<float> logits)
    {
        var count = batch.Count;
        if (count == 0)
        {
            return;
        }

        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, batch.Data, [count, 1, _windowSize, _windowSize]);
        using var output = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, logits[..(count * ClassCount)], [count, ClassCount]);
        using var runOptions = new RunOptions();
        _session.Run(runOptions, _inputNames, [input], _outputNames, [output]);
    }
}
