using ColonyQc.Inference.Imaging.Pixels;
using NetVips;

namespace ColonyQc.Inference.Imaging.Jpeg;

/// <summary>
/// JPEG (baseline and progressive) through libvips, with DCT-domain shrink-on-load (1/2, 1/4, 1/8) up to
/// <see cref="DecodeOptions.MaxShrinkFactor"/>. The frame header is checked in managed code first; libvips
/// runs with fail-on-error so truncated or corrupt data raises an error instead of a grey-filled image.
/// </summary>
internal static class JpegDecoder
{
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
        var shrink = options.MaxShrinkFactor >= 8 ? 8 : options.MaxShrinkFactor >= 4 ? 4 : options.MaxShrinkFactor >= 2 ? 2 : 1;
        VipsRuntime.EnsureConfigured();
        GreyImage? result = null;
        try
        {
            var loadOptions = new VOption { { "shrink", shrink } };
            using var vips = Image.NewFromBuffer(data, string.Empty, Enums.Access.Sequential, Enums.FailOn.Error, loadOptions);
            var bands = vips.Bands;
            if (vips.Format != Enums.BandFormat.Uchar || bands is not (1 or 3))
            {
                ImageDefect.Throw(name, $"JPEG decoded to {bands} bands of {vips.Format}; expected 8-bit grey or RGB");
            }

            var metadata = new ImageMetadata(
                ImageFormatKind.Jpeg, bands == 1 ? ChannelLayout.Grey : ChannelLayout.Rgb, frame.Width, frame.Height, 8, ShrinkFactor: shrink);
            result = GreyImage.Create8(vips.Width, vips.Height, metadata);
            var pointer = vips.WriteToMemory(out var size);
            try
            {
                var expected = (ulong)vips.Width * (ulong)vips.Height * (ulong)bands;
                if (size != expected)
                {
                    ImageDefect.Throw(name, $"JPEG decoded to {size} bytes, expected {expected}");
                }

                unsafe
                {
                    var pixels = new ReadOnlySpan<byte>((void*)pointer, (int)size);
                    if (bands == 1)
                    {
                        pixels.CopyTo(result.Pixels8);
                    }
                    else
                    {
                        Luminance.FromInterleaved(pixels, 3, result.Pixels8);
                    }
                }
            }
            finally
            {
                NetVips.NetVips.Free(pointer);
            }

            return result;
        }
        catch (VipsException e)
        {
            result?.Dispose();
            return ImageDefect.Throw<GreyImage>(name, $"JPEG data is corrupt or truncated: {FirstLine(e.Message)}");
        }
        catch
        {
            result?.Dispose();
            throw;
        }
    }

    private static string FirstLine(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "libvips reported an error" : string.Join("; ", lines.Take(3));
    }
}
