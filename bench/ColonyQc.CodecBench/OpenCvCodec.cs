using OpenCvSharp;

namespace ColonyQc.CodecBench;

/// <summary>OpenCvSharp4 (official Linux runtime, one thread): imdecode to grey, optionally JPEG reduced decode.</summary>
internal sealed class OpenCvCodec(bool reduced) : IBenchCodec
{
    public string Name => reduced ? "OpenCvSharp4, JPEG reduced decode" : "OpenCvSharp4";

    public bool CanDecode(BenchInput input) => !reduced || input.Container == "jpeg";

    public unsafe void Decode(BenchInput input, PlaneConsumer consumer)
    {
        var mode = ImreadModes.Grayscale;
        if (reduced)
        {
            var factor = (int)Math.Floor(Program.TargetUmPerPixel / input.UmPerPixel);
            mode = factor >= 8 ? ImreadModes.ReducedGrayscale8 : factor >= 4 ? ImreadModes.ReducedGrayscale4 : factor >= 2 ? ImreadModes.ReducedGrayscale2 : ImreadModes.Grayscale;
        }
        else if (input.Label.Contains("16-bit", StringComparison.Ordinal))
        {
            mode = ImreadModes.AnyDepth | ImreadModes.Grayscale;
        }

        using var mat = Cv2.ImDecode(input.Bytes, mode);
        if (mat.Empty())
        {
            throw new InvalidOperationException("OpenCV cannot decode " + input.Label);
        }

        var count = mat.Rows * mat.Cols;
        if (mat.Depth() == MatType.CV_16U)
        {
            consumer([], new ReadOnlySpan<ushort>((void*)mat.Data, count), mat.Cols, mat.Rows);
        }
        else
        {
            consumer(new ReadOnlySpan<byte>((void*)mat.Data, count), [], mat.Cols, mat.Rows);
        }
    }
}
