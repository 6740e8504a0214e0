using System.Buffers;
using System.Runtime.InteropServices;

namespace ColonyQc.Inference.Imaging;

/// <summary>
/// One decoded grey plane at the source precision (8-bit stays <see cref="byte"/>, 16-bit stays
/// <see cref="ushort"/> until normalisation), with what the file said about itself.
/// The pixel buffer is rented from <see cref="ArrayPool{T}"/>: dispose the image to return it.
/// </summary>
/// <remarks>
/// An uncompressed file's pixels may be the file's own bytes: the decoder then adopts the pooled
/// buffer the file was read into (<see cref="Adopt"/>) instead of copying them out of it.
/// </remarks>
public sealed class GreyImage : IDisposable
{
    private byte[]? _pixels8;
    private ushort[]? _pixels16;

    // An adopted file buffer (either depth) and where the pixels start in it.
    private byte[]? _adopted;
    private int _offset;

    private GreyImage(int width, int height, int bitDepth, ImageMetadata metadata)
    {
        Width = width;
        Height = height;
        BitDepth = bitDepth;
        Metadata = metadata;
    }

    /// <summary>Width in pixels of this plane (after any shrink-on-load).</summary>
    public int Width { get; }

    /// <summary>Height in pixels of this plane (after any shrink-on-load).</summary>
    public int Height { get; }

    /// <summary>8 or 16: the precision of <see cref="Pixels8"/> or <see cref="Pixels16"/>.</summary>
    public int BitDepth { get; }

    /// <summary>What the file said: format, source layout and size, scale, pages.</summary>
    public ImageMetadata Metadata { get; }

    /// <summary>The row-major 8-bit plane (length Width*Height); empty when <see cref="BitDepth"/> is 16.</summary>
    public Span<byte> Pixels8 =>
        _pixels8 is not null ? _pixels8.AsSpan(0, Width * Height)
        : _adopted is not null && BitDepth == 8 ? _adopted.AsSpan(_offset, Width * Height)
        : Span<byte>.Empty;

    /// <summary>The row-major 16-bit plane (length Width*Height); empty when <see cref="BitDepth"/> is 8.</summary>
    public Span<ushort> Pixels16 =>
        _pixels16 is not null ? _pixels16.AsSpan(0, Width * Height)
        : _adopted is not null && BitDepth == 16 ? MemoryMarshal.Cast<byte, ushort>(_adopted.AsSpan(_offset, 2 * Width * Height))
        : Span<ushort>.Empty;

    /// <summary>True when the pixels are the bytes of the file buffer the image was decoded from (no copy was made).</summary>
    internal bool AdoptsFileBuffer => _adopted is not null;

    /// <summary>Rents an 8-bit plane. Contents are undefined until the caller fills them.</summary>
    public static GreyImage Create8(int width, int height, ImageMetadata metadata)
    {
        var image = new GreyImage(width, height, 8, metadata);
        image._pixels8 = ArrayPool<byte>.Shared.Rent(checked(width * height));
        return image;
    }

    /// <summary>Rents a 16-bit plane. Contents are undefined until the caller fills them.</summary>
    public static GreyImage Create16(int width, int height, ImageMetadata metadata)
    {
        var image = new GreyImage(width, height, 16, metadata);
        image._pixels16 = ArrayPool<ushort>.Shared.Rent(checked(width * height));
        return image;
    }

    /// <summary>
    /// An image whose pixels are the bytes of <paramref name="pooledBuffer"/> (rented from
    /// <see cref="ArrayPool{T}.Shared"/>) from <paramref name="offset"/> on, row-major, native byte
    /// order for 16 bits. The image takes the buffer over and returns it to the pool when disposed.
    /// </summary>
    internal static GreyImage Adopt(byte[] pooledBuffer, int offset, int width, int height, int bitDepth, ImageMetadata metadata)
    {
        if (bitDepth is not (8 or 16) || offset < 0 || (long)offset + ((long)width * height * (bitDepth / 8)) > pooledBuffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"a {width}x{height} {bitDepth}-bit plane at this offset does not fit a buffer of {pooledBuffer.Length} bytes");
        }

        return new GreyImage(width, height, bitDepth, metadata) { _adopted = pooledBuffer, _offset = offset };
    }

    /// <summary>Returns the pixel buffer to the pool; the image must not be used afterwards.</summary>
    public void Dispose()
    {
        if (_adopted is not null)
        {
            ArrayPool<byte>.Shared.Return(_adopted);
            _adopted = null;
        }

        if (_pixels8 is not null)
        {
            ArrayPool<byte>.Shared.Return(_pixels8);
            _pixels8 = null;
        }

        if (_pixels16 is not null)
        {
            ArrayPool<ushort>.Shared.Return(_pixels16);
            _pixels16 = null;
        }
    }
}
