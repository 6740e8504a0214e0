using System.Buffers;

namespace ColonyQc.Inference.Imaging;

/// <summary>
/// A whole file read into one buffer from <see cref="ArrayPool{T}"/>: the only per-image buffer the
/// read costs, returned on <see cref="Dispose"/> unless a decoder took it over (<see cref="Hand"/>) to
/// use the file's own bytes as pixels. One place for every path that reads image files.
/// </summary>
internal sealed class PooledFileBytes : IDisposable
{
    private readonly int _length;
    private byte[]? _buffer;

    private PooledFileBytes(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    /// <summary>The file's bytes.</summary>
    public ReadOnlySpan<byte> Span => _buffer is null ? throw new ObjectDisposedException(nameof(PooledFileBytes)) : _buffer.AsSpan(0, _length);

    /// <summary>
    /// Gives the pooled buffer away: the caller now owns it (and returns it to
    /// <see cref="ArrayPool{T}.Shared"/>); <see cref="Dispose"/> does nothing afterwards.
    /// </summary>
    public byte[] Hand()
    {
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(PooledFileBytes));
        _buffer = null;
        return buffer;
    }

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
            _buffer = null;
        }
    }
}
