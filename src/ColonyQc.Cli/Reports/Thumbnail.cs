using ColonyQc.Inference.Imaging;
using ColonyQc.Inference.Imaging.Encoding;

namespace ColonyQc.Cli.Reports;

/// <summary>A small 8-bit grey PNG of an image for the HTML report.</summary>
/// <param name="Png">The encoded PNG.</param>
/// <param name="Width">Thumbnail width in pixels.</param>
/// <param name="Height">Thumbnail height in pixels.</param>
internal sealed record Thumbnail(byte[] Png, int Width, int Height)
{
    /// <summary>Default thumbnail width: enough to see colonies, small enough for hundreds per page.</summary>
    public const int DefaultWidth = 256;

    // Contrast is stretched between these percentiles: raw 16-bit microscope frames often use a
    // small part of the range and would otherwise show as black.
    private const double LowPercentile = 0.005;
    private const double HighPercentile = 0.995;

    /// <summary>Decodes <paramref name="path"/> and renders it <paramref name="width"/> pixels wide (never wider than the image).</summary>
    /// <exception cref="InvalidImageException">The file cannot be decoded.</exception>
    public static Thumbnail FromFile(string path, int width = DefaultWidth)
    {
        // A thumbnail needs little resolution: let codecs that can decode at 1/8 size do so.
        using var image = ImageDecoder.DecodeFile(path, new DecodeOptions { MaxShrinkFactor = 8 });
        return FromImage(image, width);
    }

    /// <summary>Renders a decoded image <paramref name="width"/> pixels wide by box averaging and percentile stretch.</summary>
    public static Thumbnail FromImage(GreyImage image, int width = DefaultWidth)
    {
        var w = Math.Clamp(width, 1, image.Width);
        var h = Math.Max(1, (int)Math.Round((double)image.Height * w / image.Width));
        var box = BoxAverage(image, w, h);
        Stretch(box, out var low, out var high);
        var scale = high > low ? 255.0 / (high - low) : 0;
        var pixels = new byte[w * h];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)Math.Clamp(Math.Round((box[i] - low) * scale), 0, 255);
        }

        return new Thumbnail(PngEncoder.Encode(pixels, w, h), w, h);
    }

    /// <summary>The PNG as a <c>data:</c> URI for an <c>img</c> element.</summary>
    public string DataUri() => "data:image/png;base64," + Convert.ToBase64String(Png);

    private static float[] BoxAverage(GreyImage image, int w, int h)
    {
        var result = new float[w * h];
        var counts = new int[w * h];
        var is16 = image.BitDepth == 16;
        var p8 = image.Pixels8;
        var p16 = image.Pixels16;
        for (var y = 0; y < image.Height; y++)
        {
            var ty = (int)((long)y * h / image.Height) * w;
            var row = y * image.Width;
            for (var x = 0; x < image.Width; x++)
            {
                var t = ty + (int)((long)x * w / image.Width);
                result[t] += is16 ? p16[row + x] : p8[row + x];
                counts[t]++;
            }
        }

        for (var i = 0; i < result.Length; i++)
        {
            result[i] /= Math.Max(1, counts[i]);
        }

        return result;
    }

    private static void Stretch(float[] values, out double low, out double high)
    {
        var sorted = (float[])values.Clone();
        Array.Sort(sorted);
        low = sorted[(int)((sorted.Length - 1) * LowPercentile)];
        high = sorted[(int)((sorted.Length - 1) * HighPercentile)];
    }
}
