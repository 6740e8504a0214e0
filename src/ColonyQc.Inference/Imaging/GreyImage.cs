using System.Buffers;

namespace ColonyQc.Inference.Imaging;

/// <summary>
/// One decoded grey plane at the source precision (8-bit stays <see cref="byte"/>, 16-bit stays
/// <see cref="ushort"/> until normalisation), with what the file said about itself.
/// The pixel buffer is rented from <see cref="ArrayPool{T}"/>: dispose the image to return it.
/// </summary>
public sealed class GreyImage : IDisposable
{
    private byte[]? _pixels8;
    private ushort[]? _pixels16;

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
    public Span<byte> Pixels8 => _pixels8 is null ? Span<byte>.Empty : _pixels8.AsSpan(0, Width * Height);

    /// <summary>The row-major 16-bit plane (length Width*Height); empty when <see cref="BitDepth"/> is 8.</summary>
    public Span<ushort> Pixels16 => _pixels16 is null ? Span<ushort>.Empty : _pixels16.AsSpan(0, Width * Height);

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

    /// <summary>Returns the pixel buffer to the pool; the image must not be used afterwards.</summary>
    public void Dispose()
    {
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
