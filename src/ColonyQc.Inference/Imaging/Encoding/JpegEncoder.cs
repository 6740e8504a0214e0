using ColonyQc.Inference.Imaging.Managed;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using SharpJpegEncoder = SixLabors.ImageSharp.Formats.Jpeg.JpegEncoder;

namespace ColonyQc.Inference.Imaging.Encoding;

/// <summary>
/// Writes baseline 8-bit JPEG files through ImageSharp: grey as a one-component (luminance) JPEG, RGB as
/// YCbCr 4:2:0 as cameras write it. (ImageSharp 2.1 writes no progressive JPEG; the tests make theirs elsewhere.)
/// </summary>
public static class JpegEncoder
{
    /// <summary>Encodes an 8-bit grey plane (row-major, one byte per pixel).</summary>
    public static byte[] Encode(ReadOnlySpan<byte> grey, int width, int height, JpegEncoderOptions? options = null)
    {
        var checkedOptions = Check(grey.Length, width, height, 1, options);
        using var image = Image.LoadPixelData<L8>(ImageSharpRuntime.Configuration, grey[..(width * height)], width, height);
        return Save(image, JpegColorType.Luminance, checkedOptions);
    }

    /// <summary>Encodes interleaved 8-bit RGB (three bytes per pixel).</summary>
    public static byte[] EncodeRgb(ReadOnlySpan<byte> rgb, int width, int height, JpegEncoderOptions? options = null)
    {
        var checkedOptions = Check(rgb.Length, width, height, 3, options);
        using var image = Image.LoadPixelData<Rgb24>(ImageSharpRuntime.Configuration, rgb[..(width * height * 3)], width, height);
        return Save(image, JpegColorType.YCbCrRatio420, checkedOptions);
    }

    private static JpegEncoderOptions Check(int samples, int width, int height, int bands, JpegEncoderOptions? options)
    {
        options ??= new JpegEncoderOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Quality, 100);
        if (samples < (long)width * height * bands)
        {
            throw new ArgumentException($"expected {(long)width * height * bands} samples, got {samples}");
        }

        return options;
    }

    private static byte[] Save(Image image, JpegColorType colour, JpegEncoderOptions options)
    {
        using var stream = new MemoryStream();
        image.Save(stream, new SharpJpegEncoder { Quality = options.Quality, ColorType = colour });
        return stream.ToArray();
    }
}
