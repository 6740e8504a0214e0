using System.Buffers;

namespace ColonyQc.Compare;

/// <summary>
/// A file read the way the library reads it (one <see cref="ArrayPool{T}"/> buffer, positional
/// reads to the end), for contenders that time the read on its own. Dispose to return the buffer.
/// </summary>
public readonly struct PooledFileRead : IDisposable
{
    private readonly byte[] _buffer;

    private PooledFileRead(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    /// <summary>Bytes read.</summary>
    public int Length { get; }

    /// <summary>The file's bytes.</summary>
    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    /// <summary>Reads <paramref name="path"/> to its end.</summary>
    public static PooledFileRead Read(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var size = (int)RandomAccess.GetLength(handle);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, size));
        var length = 0;
        for (var got = -1; length < size && got != 0; length += got)
        {
            got = RandomAccess.Read(handle, buffer.AsSpan(length, size - length), length);
        }

        return new PooledFileRead(buffer, length);
    }

    /// <summary>Returns the buffer to the pool.</summary>
    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }
}
