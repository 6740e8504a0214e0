using System.Buffers.Binary;

namespace ColonyQc.Inference.Tests.Imaging.Tiff;

/// <summary>
/// Builds TIFF files entry by entry, independently of the production encoder, for layouts it does not write
/// (planar, float, CMYK, 12-bit) and for deliberately broken files.
/// </summary>
internal sealed class HandBuiltTiff
{
    private readonly List<(ushort Tag, ushort Type, uint[] Values)> _entries = [];
    private readonly bool _bigEndian;
    private byte[] _pixelData = [];

    public HandBuiltTiff(bool bigEndian = false) => _bigEndian = bigEndian;

    public HandBuiltTiff Short(ushort tag, params uint[] values)
    {
        _entries.Add((tag, 3, values));
        return this;
    }

    public HandBuiltTiff Long(ushort tag, params uint[] values)
    {
        _entries.Add((tag, 4, values));
        return this;
    }

    /// <summary>Raw strip bytes, placed right after the header; StripOffsets entries are relative to them.</summary>
    public HandBuiltTiff PixelData(byte[] data)
    {
        _pixelData = data;
        return this;
    }

    /// <summary>Writes the file; strip offsets given to <see cref="Long"/> for tag 273/324 are shifted by the header size.</summary>
    public byte[] Build()
    {
        const int headerSize = 8;
        var dataStart = headerSize;
        var ifdOffset = dataStart + _pixelData.Length + (_pixelData.Length & 1);
        var entries = _entries.OrderBy(e => e.Tag).ToList();
        var overflowStart = ifdOffset + 2 + (12 * entries.Count) + 4;
        using var overflow = new MemoryStream();
        var file = new byte[overflowStart];
        var span = file.AsSpan();
        span[0] = span[1] = (byte)(_bigEndian ? 'M' : 'I');
        Write16(span[2..], 42);
        Write32(span[4..], (uint)ifdOffset);
        _pixelData.CopyTo(span[dataStart..]);
        Write16(span[ifdOffset..], (ushort)entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var (tag, type, values) = entries[i];
            if (tag is 273 or 324)
            {
                values = values.Select(v => v + (uint)dataStart).ToArray();
            }

            var at = ifdOffset + 2 + (i * 12);
            Write16(span[at..], tag);
            Write16(span[(at + 2)..], type);
            Write32(span[(at + 4)..], (uint)values.Length);
            var size = type == 3 ? 2 : 4;
            var bytes = new byte[values.Length * size];
            for (var v = 0; v < values.Length; v++)
            {
                if (size == 2)
                {
                    Write16(bytes.AsSpan(v * 2), (ushort)values[v]);
                }
                else
                {
                    Write32(bytes.AsSpan(v * 4), values[v]);
                }
            }

            if (bytes.Length <= 4)
            {
                bytes.CopyTo(span[(at + 8)..]);
            }
            else
            {
                Write32(span[(at + 8)..], (uint)(overflowStart + overflow.Length));
                overflow.Write(bytes);
            }
        }

        return [.. file, .. overflow.ToArray()];
    }

    private void Write16(Span<byte> target, ushort value)
    {
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(target, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(target, value);
        }
    }

    private void Write32(Span<byte> target, uint value)
    {
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(target, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(target, value);
        }
    }
}
