using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace ColonyQc.Inference.Model;

/// <summary>
/// The first touch of ONNX Runtime, where its native library is loaded. When that fails (a platform the
/// package carries no native for, or an application published without its <c>runtimes/</c> folder), .NET
/// reports "Unable to load shared library 'onnxruntime'" deep inside a type initialiser; this turns it
/// into one message that names the platform, the file looked for and what to do.
/// </summary>
internal static class OnnxRuntimeNatives
{
    /// <summary>Platforms ColonyQc is built and tested for; ONNX Runtime's package carries their natives.</summary>
    public const string SupportedPlatforms = "win-x64, linux-x64 and osx-arm64";

    public static SessionOptions CreateSessionOptions()
    {
        try
        {
            return new SessionOptions();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException
            || (e is TypeInitializationException && e.GetBaseException() is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException))
        {
            throw new PlatformNotSupportedException(Explain(e.GetBaseException()), e);
        }
    }

    /// <summary>The message for a native library that failed to load (internal for the test of its wording).</summary>
    internal static string Explain(Exception loadFailure) =>
        $"ONNX Runtime's native library ({NativeFileName()}) could not be loaded on {RuntimeInformation.RuntimeIdentifier}: {FirstLine(loadFailure.Message)} "
        + $"ColonyQc runs on {SupportedPlatforms}; the Microsoft.ML.OnnxRuntime package puts the native under runtimes/<platform>/native/ of the build or publish output "
        + "(publish with -r <platform>, or keep the runtimes folder of a portable publish).";

    private static string NativeFileName() =>
        OperatingSystem.IsWindows() ? "onnxruntime.dll" : OperatingSystem.IsMacOS() ? "libonnxruntime.dylib" : "libonnxruntime.so";

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.EndsWith('.') ? line : line + ".";
    }
}
