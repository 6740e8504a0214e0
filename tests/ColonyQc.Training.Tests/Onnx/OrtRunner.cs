using Microsoft.ML.OnnxRuntime;

namespace ColonyQc.Training.Tests.Onnx;

/// <summary>Runs an exported model in ONNX Runtime, the engine inference uses.</summary>
internal static class OrtRunner
{
    public static float[] Run(string modelPath, float[] input, int count, int window, int threads = 1)
    {
        using var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1 };
        using var session = new InferenceSession(modelPath, options);
        return Run(session, input, count, window);
    }

    public static float[] Run(InferenceSession session, float[] input, int count, int window)
    {
        using var value = OrtValue.CreateTensorValueFromMemory(input, [count, 1, window, window]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["input"], [value], ["logits"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
