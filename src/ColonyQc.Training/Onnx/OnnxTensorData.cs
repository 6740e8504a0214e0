using System.Runtime.InteropServices;

namespace ColonyQc.Training.Onnx;

/// <summary>float32 values to and from ONNX raw_data, which is little-endian whatever the host.</summary>
internal static class OnnxTensorData
{
    public static byte[] ToLittleEndian(float[] values)
    {
        var bytes = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            SwapEvery4(bytes);
        }

        return bytes;
    }

    public static float[] FromLittleEndian(ReadOnlySpan<byte> raw)
    {
        var bytes = raw.ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            SwapEvery4(bytes);
        }

        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }

    private static void SwapEvery4(byte[] bytes)
    {
        for (var i = 0; i + 3 < bytes.Length; i += 4)
        {
            (bytes[i], bytes[i + 3]) = (bytes[i + 3], bytes[i]);
            (bytes[i + 1], bytes[i + 2]) = (bytes[i + 2], bytes[i + 1]);
        }
    }
}
