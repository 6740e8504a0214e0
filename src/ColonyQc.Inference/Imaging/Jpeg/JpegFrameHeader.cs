using System.Buffers.Binary;

namespace ColonyQc.Inference.Imaging.Jpeg;

/// <summary>
/// Reads the JPEG start-of-frame header in managed code, so size limits, precision and component count are
/// checked before libvips sees the file (and before anything is allocated for the pixels).
/// </summary>
internal readonly record struct JpegFrameHeader(int Width, int Height, int Precision, int Components, bool Progressive)
{
    public static JpegFrameHeader Read(ReadOnlySpan<byte> data, string name)
    {
        var position = 2;
        while (true)
        {
            // Markers may be preceded by any number of 0xFF fill bytes.
            while (position < data.Length && data[position] == 0xFF)
            {
                position++;
            }

            if (position + 3 > data.Length)
            {
                return ImageDefect.Throw<JpegFrameHeader>(name, $"JPEG is truncated before its frame header ({data.Length} bytes)");
            }

            if (data[position - 1] != 0xFF)
            {
                return ImageDefect.Throw<JpegFrameHeader>(name, $"JPEG marker expected at offset {position - 1}: the file is corrupt");
            }

            var marker = data[position];
            position++;
            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue;
            }

            if (marker is 0xD9 or 0xDA)
            {
                return ImageDefect.Throw<JpegFrameHeader>(name, "JPEG has no frame header before its image data");
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
            if (length < 2 || position + length > data.Length)
            {
                return ImageDefect.Throw<JpegFrameHeader>(name, $"JPEG segment 0xFF{marker:X2} at offset {position - 2} is truncated: expected {length} bytes, found {data.Length - position}");
            }

            var isFrame = marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);
            if (isFrame)
            {
                if (length < 8)
                {
                    return ImageDefect.Throw<JpegFrameHeader>(name, "JPEG frame header is truncated");
                }

                if (marker is not (0xC0 or 0xC1 or 0xC2))
                {
                    return ImageDefect.Throw<JpegFrameHeader>(name, $"JPEG coding process 0xFF{marker:X2} (lossless, hierarchical or arithmetic) is not supported (baseline and progressive are)");
                }

                var segment = data.Slice(position + 2, length - 2);
                return new JpegFrameHeader(
                    BinaryPrimitives.ReadUInt16BigEndian(segment[3..]),
                    BinaryPrimitives.ReadUInt16BigEndian(segment[1..]),
                    segment[0],
                    segment[5],
                    marker == 0xC2);
            }

            position += length;
        }
    }
}
