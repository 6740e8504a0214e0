using ColonyQc.Inference.Model;
using ColonyQc.Inference.Preprocessing;
using Microsoft.ML.OnnxRuntime;

namespace ColonyQc.Inference.Scoring;

/// <summary>
/// Runs the shared ONNX Runtime session on a <see cref="WindowBatch"/> in fixed chunks of
/// <see cref="ChunkWindows"/> windows, writing the logits straight into the caller's buffer.
/// </summary>
/// <remarks>
/// Why fixed chunks and one intra-op thread: measured on this machine with ONNX Runtime 1.31, a
/// window's logits change in the last bits with the batch size N of the call, with its position in
/// the batch, and with the intra-op thread count (the GEMM tails and the thread partitioning
/// depend on N), and, in a fixed chunk of 8, even with the neighbouring windows' content; never
/// from run to run. So every call holds exactly <see cref="ChunkWindows"/> window (measured cost:
/// 0.16 ms against 0.13 ms a window at N=8 for the default 128 px network, one thread), the session
/// runs each call on one thread, and parallelism comes from running several calls at once. The result of a window
/// then depends only on its image: not on neighbours, batch size or thread count.
/// <see cref="InferenceSession"/>.Run is thread-safe, so one instance serves every caller.
/// </remarks>
internal sealed class WindowNetwork
{
    /// <summary>Windows in every network call (partial chunks are padded with zero windows).</summary>
    public const int ChunkWindows = 1;

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

    /// <summary>
    /// Runs the network on the windows of <paramref name="batch"/> (its count a multiple of
    /// <see cref="ChunkWindows"/>), up to <paramref name="parallelism"/> chunks at once, writing
    /// Count*ClassCount logits into <paramref name="logits"/>.
    /// </summary>
    public void Run(WindowBatch batch, float[] logits, int parallelism)
    {
        var chunks = batch.Count / ChunkWindows;
        var data = batch.Data;
        if (chunks <= 1 || parallelism <= 1)
        {
            for (var c = 0; c < chunks; c++)
            {
                RunChunk(data, logits, c);
            }

            return;
        }

        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, c => RunChunk(data, logits, c));
    }

    private void RunChunk(Memory<float> windows, float[] logits, int chunk)
    {
        var length = ChunkWindows * _windowSize * _windowSize;
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, windows.Slice(chunk * length, length), [ChunkWindows, 1, _windowSize, _windowSize]);
        using var output = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, logits.AsMemory(chunk * ChunkWindows * ClassCount, ChunkWindows * ClassCount), [ChunkWindows, ClassCount]);
        using var runOptions = new RunOptions();
        _session.Run(runOptions, _inputNames, [input], _outputNames, [output]);
    }
}
