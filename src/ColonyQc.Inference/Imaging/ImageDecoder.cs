using System.Globalization;
using ColonyQc.Inference.Imaging.Bmp;
using ColonyQc.Inference.Imaging.Jpeg;
using ColonyQc.Inference.Imaging.Managed;
using ColonyQc.Inference.Imaging.Png;
using ColonyQc.Inference.Imaging.Tiff;

namespace ColonyQc.Inference.Imaging;

/// <summary>
/// The one entry point for decoding microscope images to a grey plane. The format is found from the
/// content (magic bytes), never from the file name, so a mislabelled file still decodes or fails by
/// what it is. Every failure is an <see cref="InvalidImageException"/> naming the file and the defect.
/// </summary>
public static class ImageDecoder
{
    private static readonly string[] Extensions = [".tif", ".tiff", ".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp", ".tga", ".pbm", ".pgm", ".ppm", ".pnm"];

    /// <summary>Extensions of the supported formats, for messages such as "no images found".</summary>
    public static IReadOnlyList<string> SupportedExtensions => Extensions;

    /// <summary>Bytes of a file's start that <see cref="IsSupportedImage"/> needs to recognise every format (TGA has an 18-byte header and no magic number).</summary>
    public const int HeaderBytesNeeded = ImageFormatSniffer.HeaderLength;

    /// <summary>True when <paramref name="header"/> (the first <see cref="HeaderBytesNeeded"/> bytes of a file, or the whole file when shorter) starts like a supported image.</summary>
    public static bool IsSupportedImage(ReadOnlySpan<byte> header) => ImageFormatSniffer.Detect(header) is not null;

    /// <summary>Decodes a whole file already in memory. <paramref name="name"/> is used in error messages only.</summary>
    /// <exception cref="InvalidImageException">The data is empty, truncated, corrupt, unsupported, not an image, or too large.</exception>
    public static GreyImage Decode(ReadOnlySpan<byte> data, string name, DecodeOptions? options = null) =>
        Decode(data, name, options, null);

    /// <summary>
    /// Decodes <paramref name="data"/>. When <paramref name="file"/> is the
    /// <see cref="PooledFileBytes"/> those bytes were read into, an uncompressed TIFF may take its
    /// buffer over (its pixels are the file's bytes): <paramref name="file"/> must be disposed either
    /// way, and its bytes must not be used after this call.
    /// </summary>
    /// <exception cref="InvalidImageException">As <see cref="Decode(ReadOnlySpan{byte}, string, DecodeOptions?)"/>.</exception>
    internal static GreyImage Decode(ReadOnlySpan<byte> data, string name, DecodeOptions? options, PooledFileBytes? file)
    {
        ArgumentNullException.ThrowIfNull(name);
        options ??= DecodeOptions.Default;
        if (data.IsEmpty)
        {
            ImageDefect.Throw(name, "file is empty (0 bytes)");
        }

        var format = ImageFormatSniffer.Detect(data);
        if (format is null)
        {
            ImageDefect.Throw(name, $"not a supported image ({string.Join(", ", Extensions)}): {Describe(data)}");
        }

        try
        {
            return format switch
            {
                ImageFormatKind.Tiff => TiffDecoder.Decode(data, name, options, file),
                ImageFormatKind.Png => PngDecoder.Decode(data, name, options),
                ImageFormatKind.Jpeg => JpegDecoder.Decode(data, name, options),
                ImageFormatKind.Bmp => BmpDecoder.Decode(data, name, options),
                _ => ManagedFormatDecoder.Decode(data, name, format.Value, options),
            };
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or OverflowException or InvalidDataException or SixLabors.ImageSharp.ImageFormatException)
        {
            // Offsets that pass every explicit check can still disagree with each other in ways only a slice
            // notices; such a file is corrupt, and the caller gets the same exception type as for any other defect.
            throw new InvalidImageException(name, $"{format} data is corrupt: {e.Message}", e);
        }
    }

    /// <summary>Reads and decodes a file. I/O failures are reported as <see cref="InvalidImageException"/> too, naming the path.</summary>
    /// <exception cref="InvalidImageException">The file cannot be read, or its content is not a decodable image.</exception>
    public static GreyImage DecodeFile(string path, DecodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        PooledFileBytes bytes;
        try
        {
            bytes = PooledFileBytes.Read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidImageException(path, $"cannot read the file: {e.Message}", e);
        }

        using (bytes)
        {
            return Decode(bytes.Span, path, options, bytes);
        }
    }

    private static string Describe(ReadOnlySpan<byte> data)
    {
        var head = data[..Math.Min(8, data.Length)];
        var hex = string.Join(' ', head.ToArray().Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
        var printable = true;
        foreach (var b in data[..Math.Min(64, data.Length)])
        {
            printable &= b is 9 or 10 or 13 or (>= 32 and < 127);
        }

        return printable
            ? $"it looks like text (starts \"{System.Text.Encoding.ASCII.GetString(head)}\")"
            : $"unrecognised leading bytes {hex}";
    }
}
