using System.IO.Compression;

namespace ColonyQc.Inference.Imaging.Encoding;

/// <summary>zlib (RFC 1950) compression for PNG IDAT and TIFF Deflate strips.</summary>
internal static class ZlibCompressor
{
    public static byte[] Compress(ReadOnlySpan<byte> source)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(source);
        }

        return output.ToArray();
    }
}
