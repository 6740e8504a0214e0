using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Pbm;
using SixLabors.ImageSharp.Formats.Tga;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.PixelFormats;

namespace ColonyQc.Inference.Imaging.Managed;

/// <summary>
/// The formats outside the microscope fast path (GIF, WebP, TGA, PBM/PGM/PPM) through ImageSharp 2.1:
/// they are rare for EVOS images but turn up in exported or archived sets. The same rules as the in-house
/// decoders hold: the declared size is checked against <see cref="DecodeOptions.MaxPixels"/> before any
/// pixel buffer is allocated, a structurally truncated file is an error (not a grey-filled image), only
/// the first frame of an animation is decoded, and colour becomes ColonyQc's luminance.
/// </summary>
internal static class ManagedFormatDecoder
{
    private static readonly GifDecoder Gif = new() { DecodingMode = FrameDecodingMode.First, IgnoreMetadata = true };
    private static readonly WebpDecoder Webp = new() { IgnoreMetadata = true };
    private static readonly TgaDecoder Tga = new();
    private static readonly PbmDecoder Pbm = new();

    public static GreyImage Decode(ReadOnlySpan<byte> data, string name, ImageFormatKind format, DecodeOptions options)
    {
        var label = Label(format);
        switch (format)
        {
            case ImageFormatKind.Gif:
                GifStructure.CheckFirstFrame(data, name);
                break;
            case ImageFormatKind.Webp:
                CheckRiffLength(data, name);
                break;
            case ImageFormatKind.Pbm:
                NetpbmStructure.Check(data, name);
                break;
        }

        IImageDecoder decoder = format switch
        {
            ImageFormatKind.Gif => Gif,
            ImageFormatKind.Webp => Webp,
            ImageFormatKind.Tga => Tga,
            _ => Pbm,
        };
        try
        {
            var info = Identify(data, (IImageInfoDetector)decoder);
            ImageDefect.CheckPixelLimit(name, label, info.Width, info.Height, options);
            var bits = info.PixelType?.BitsPerPixel ?? 24;
            var grey = format is ImageFormatKind.Pbm or ImageFormatKind.Tga && bits is 8 or 16;
            var layout = grey ? ChannelLayout.Grey
                : format == ImageFormatKind.Gif ? ChannelLayout.Palette
                : bits == 32 ? ChannelLayout.Rgba : ChannelLayout.Rgb;
            var metadata = new ImageMetadata(format, layout, info.Width, info.Height, grey ? bits : 8);
            if (grey && bits == 16)
            {
                using var image16 = Image.Load<L16>(ImageSharpRuntime.Configuration, data, decoder);
                return ImageSharpPlanes.ToGrey16(image16, metadata);
            }

            if (grey)
            {
                using var image8 = Image.Load<L8>(ImageSharpRuntime.Configuration, data, decoder);
                return ImageSharpPlanes.ToGrey8(image8, metadata);
            }

            using var colour = Image.Load<Rgb24>(ImageSharpRuntime.Configuration, data, decoder);
            return ImageSharpPlanes.LuminanceOf(colour, metadata);
        }
        catch (Exception e) when (IsDecodeFailure(e))
        {
            return ImageDefect.Throw<GreyImage>(name, $"{label} data is corrupt or truncated: {e.Message}");
        }
    }

    /// <summary>
    /// ImageSharp is third-party code reading untrusted bytes: besides its own format exceptions, malformed
    /// headers surface as arithmetic or index errors (a PGM with maximum value 0 divides by zero). Any of
    /// them means the file could not be decoded; only running out of memory is left to propagate.
    /// </summary>
    public static bool IsDecodeFailure(Exception e) =>
        e is ImageFormatException or NotSupportedException or EndOfStreamException or ArithmeticException
            or ArgumentException or IndexOutOfRangeException or InvalidOperationException or NullReferenceException;

    public static string Label(ImageFormatKind format) => format switch
    {
        ImageFormatKind.Gif => "GIF",
        ImageFormatKind.Webp => "WebP",
        ImageFormatKind.Tga => "TGA",
        _ => "PBM/PGM/PPM",
    };

    private static unsafe IImageInfo Identify(ReadOnlySpan<byte> data, IImageInfoDetector detector)
    {
        fixed (byte* pointer = data)
        {
            using var stream = new UnmanagedMemoryStream(pointer, data.Length);
            return detector.Identify(ImageSharpRuntime.Configuration, stream, CancellationToken.None)
                ?? throw new InvalidImageContentException("the header could not be read");
        }
    }

    /// <summary>A RIFF container states its own length: a shorter file was cut.</summary>
    private static void CheckRiffLength(ReadOnlySpan<byte> data, string name)
    {
        var declared = 8L + System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        if (declared > data.Length)
        {
            ImageDefect.Throw(name, $"WebP is truncated: its RIFF header declares {declared} bytes, the file has {data.Length}");
        }
    }
}
