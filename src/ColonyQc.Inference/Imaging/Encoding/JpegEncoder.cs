using ColonyQc.Inference.Imaging.Jpeg;
using NetVips;

namespace ColonyQc.Inference.Imaging.Encoding;

/// <summary>Writes 8-bit grey (or RGB) JPEG files through libvips (NetVips), baseline or progressive.</summary>
public static class JpegEncoder
{
    /// <summary>Encodes an 8-bit grey plane (row-major, one byte per pixel).</summary>
    public static byte[] Encode(ReadOnlySpan<byte> grey, int width, int height, JpegEncoderOptions? options = null)
        => Encode(grey, width, height, 1, options);

    /// <summary>Encodes interleaved 8-bit RGB (three bytes per pixel).</summary>
    public static byte[] EncodeRgb(ReadOnlySpan<byte> rgb, int width, int height, JpegEncoderOptions? options = null)
        => Encode(rgb, width, height, 3, options);

    private static byte[] Encode(ReadOnlySpan<byte> samples, int width, int height, int bands, JpegEncoderOptions? options)
    {
        options ??= new JpegEncoderOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Quality, 100);
        if (samples.Length < (long)width * height * bands)
        {
            throw new ArgumentException($"expected {(long)width * height * bands} samples, got {samples.Length}", nameof(samples));
        }

        VipsRuntime.EnsureConfigured();
        using var image = Image.NewFromMemoryCopy(samples[..(width * height * bands)], width, height, bands, Enums.BandFormat.Uchar);
        using var tagged = image.Copy(interpretation: bands == 1 ? Enums.Interpretation.Bw : Enums.Interpretation.Srgb);
        return tagged.JpegsaveBuffer(q: options.Quality, interlace: options.Progressive, keep: Enums.ForeignKeep.None);
    }
}
