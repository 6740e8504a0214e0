using System.Buffers.Binary;

namespace ColonyQc.Inference.Imaging.Encoding;

/// <summary>A growable byte buffer that writes integers in one chosen byte order, with back-patching (TIFF offsets).</summary>
internal sealed class EndianBufferWriter
{
    private readonly bool _bigEndian;
    private byte[] _buffer;

    public EndianBufferWriter(bool bigEndian, int initialCapacity = 1 << 16)
    {
        _bigEndian = bigEndian;
        _buffer = new byte[Math.Max(64, initialCapacity)];
    }

    public int Length { get; private set; }

    public void WriteU16(ushort value)
    {
        var span = Grow(2);
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span, value);
        }
    }

    public void WriteU32(uint value)
    {
        var span = Grow(4);
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span, value);
        }
    }

    public void WriteByte(byte value) => Grow(1)[0] = value;

    public void WriteBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Grow(bytes.Length));

    /// <summary>Pads with zeros to an even length: TIFF offsets should be word aligned.</summary>
    public void AlignToWord()
    {
        if ((Length & 1) != 0)
        {
            Grow(1)[0] = 0;
        }
    }

    public void PatchU32(int position, uint value)
    {
        var span = _buffer.AsSpan(position, 4);
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span, value);
        }
    }

    public byte[] ToArray() => _buffer.AsSpan(0, Length).ToArray();

    private Span<byte> Grow(int count)
    {
        if (Length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
        }

        var span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }
}
