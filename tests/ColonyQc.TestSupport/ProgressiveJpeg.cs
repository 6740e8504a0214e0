using NetVips;

namespace ColonyQc.TestSupport;

/// <summary>
/// Progressive JPEG fixtures through libvips: cameras and web tools write them, ColonyQc must read them, and
/// the library's own writer (ImageSharp 2.1) writes baseline only.
/// </summary>
public static class ProgressiveJpeg
{
    /// <summary>Encodes an 8-bit grey plane as a progressive JPEG.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> grey, int width, int height, int quality = 90)
    {
        NetVips.NetVips.Concurrency = 1;
        using var image = Image.NewFromMemoryCopy(grey[..(width * height)], width, height, 1, Enums.BandFormat.Uchar);
        using var tagged = image.Copy(interpretation: Enums.Interpretation.Bw);
        return tagged.JpegsaveBuffer(q: quality, interlace: true, keep: Enums.ForeignKeep.None);
    }
}
