using System.Diagnostics.CodeAnalysis;

namespace ColonyQc.Inference.Imaging;

/// <summary>Throw helpers for <see cref="InvalidImageException"/>: they keep throw sites (and their string building) out of hot methods.</summary>
internal static class ImageDefect
{
    [DoesNotReturn]
    public static void Throw(string fileName, string defect) => throw new InvalidImageException(fileName, defect);

    [DoesNotReturn]
    public static T Throw<T>(string fileName, string defect) => throw new InvalidImageException(fileName, defect);

    /// <summary>Refuses an image whose declared size is over the limit, before anything is allocated for it.</summary>
    public static void CheckPixelLimit(string fileName, string format, long width, long height, DecodeOptions options)
    {
        if (width <= 0 || height <= 0)
        {
            Throw(fileName, $"{format} declares an empty or negative size {width}x{height}");
        }

        if (width * height > options.MaxPixels)
        {
            Throw(fileName, $"{format} declares {width}x{height} = {width * height} pixels, above the limit of {options.MaxPixels} (DecodeOptions.MaxPixels)");
        }
    }
}
