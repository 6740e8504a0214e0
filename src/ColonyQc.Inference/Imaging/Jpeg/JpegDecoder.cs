using ColonyQc.Inference.Imaging.Managed;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SharpJpegDecoder = SixLabors.ImageSharp.Formats.Jpeg.JpegDecoder;

namespace ColonyQc.Inference.Imaging.Jpeg;

/// <summary>
/// JPEG (baseline and progressive, 8-bit grey or colour) through SixLabors.ImageSharp 2.1, managed code on
/// every platform (docs/decisions/image-codec.md says why it replaced libvips). The frame header and the
/// whole marker structure are checked in managed code first (<see cref="JpegStructure"/>): size limits
/// before anything is allocated, and truncation or corruption as an error instead of a grey-filled image.
/// Always decodes at full size: ImageSharp 2.1 has no DCT-scaled decode, so <see cref="ImageMetadata.ShrinkFactor"/> is 1.
/// </summary>
internal static class JpegDecoder
{
    private static readonly SharpJpegDecoder Decoder = new() { IgnoreMetadata = true };

    public static GreyImage Decode(ReadOnlySpan<byte> data, string name, DecodeOptions options)
    {
        var frame = JpegFrameHeader.Read(data, name);
        if (frame.Precision != 8)
        {
            ImageDefect.Throw(name, $"{frame.Precision}-bit JPEG is not supported (8-bit is)");
        }

        if (frame.Components is not (1 or 3))
        {
            ImageDefect.Throw(name, frame.Components == 4
                ? "CMYK JPEG is not supported"
                : $"JPEG with {frame.Components} components is not supported (grey and colour are)");
        }

        ImageDefect.CheckPixelLimit(name, "JPEG", frame.Width, frame.Height, options);
        JpegStructure.Check(data, name);
        var metadata = new ImageMetadata(ImageFormatKind.Jpeg, frame.Components == 1 ? ChannelLayout.Grey : ChannelLayout.Rgb, frame.Width, frame.Height, 8);
        try
        {
            if (frame.Components == 1)
            {
                using var grey = Image.Load<L8>(ImageSharpRuntime.Configuration, data, Decoder);
                CheckSize(grey, frame, name);
                return ImageSharpPlanes.ToGrey8(grey, metadata);
            }

            using var colour = Image.Load<Rgb24>(ImageSharpRuntime.Configuration, data, Decoder);
            CheckSize(colour, frame, name);
            return ImageSharpPlanes.LuminanceOf(colour, metadata);
        }
        catch (Exception e) when (ManagedFormatDecoder.IsDecodeFailure(e))
        {
            return ImageDefect.Throw<GreyImage>(name, $"JPEG data is corrupt: {e.Message}");
        }
    }

    private static void CheckSize(Image image, JpegFrameHeader frame, string name)
    {
        if (image.Width != frame.Width || image.Height != frame.Height)
        {
            ImageDefect.Throw(name, $"JPEG decoded to {image.Width}x{image.Height}, but its frame header declares {frame.Width}x{frame.Height}");
        }
    }
}
