using System.Buffers;

namespace ColonyQc.Inference.Imaging;

/// <summary>
/// A whole file read into one buffer from <see cref="ArrayPool{T}"/>: the only per-image buffer the
/// read costs, returned on <see cref="Dispose"/>. One place for every path that reads image files.
/// </summary>
internal readonly struct PooledFileBytes : IDisposable
{
    private readonly byte[] _buffer;
    private readonly int _length;

    private PooledFileBytes(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    /// <summary>The file's bytes.</summary>
    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, _length);

    /// <summary>Reads <paramref name="path"/> to its end (a file that shrinks while read gives what was there).</summary>
    /// <exception cref="IOException">The file cannot be opened or read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    /// <exception cref="InvalidImageException">The file is larger than an array can hold.</exception>
    public static PooledFileBytes Read(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var size = RandomAccess.GetLength(handle);
        if (size > Array.MaxLength)
        {
            ImageDefect.Throw(path, $"file of {size} bytes is too large to decode");
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(1, size));
        try
        {
            var length = 0;
            while (length < size)
            {
                var read = RandomAccess.Read(handle, buffer.AsSpan(length, (int)size - length), length);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            return new PooledFileBytes(buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>Returns the buffer to the pool; the bytes must not be used afterwards.</summary>
    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }
}
