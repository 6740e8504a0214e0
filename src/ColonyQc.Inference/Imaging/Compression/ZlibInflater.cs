using System.IO.Compression;

namespace ColonyQc.Inference.Imaging.Compression;

/// <summary>
/// Inflates zlib data (TIFF Deflate strips, PNG IDAT) from a span into a span through <see cref="ZLibStream"/>
/// over a pointer-backed stream, so the compressed bytes are never copied into a managed array first.
/// </summary>
internal static unsafe class ZlibInflater
{
    /// <summary>Inflates up to destination.Length bytes; returns how many were produced. Throws InvalidDataException on corrupt data.</summary>
    public static int Inflate(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        fixed (byte* pointer = source)
        {
            using var compressed = new UnmanagedMemoryStream(pointer, source.Length);
            using var zlib = new ZLibStream(compressed, CompressionMode.Decompress);
            return zlib.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
        }
    }
}
