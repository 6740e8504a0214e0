using ColonyQc.Inference.Imaging.Encoding;
using Xunit;

namespace ColonyQc.Inference.Tests.Imaging;

/// <summary>
/// The PNG row filters and interlacing that both the encoder tests (read back by StbImageSharp) and
/// the decoder tests (read back by ColonyQc) run through.
/// </summary>
internal static class PngFilterCases
{
    /// <summary>(filter, interlaced): every filter without interlacing, and the per-row filter cycle with Adam7 too.</summary>
    public static TheoryData<PngRowFilter, bool> All()
    {
        var data = new TheoryData<PngRowFilter, bool>();
        foreach (var filter in Enum.GetValues<PngRowFilter>())
        {
            data.Add(filter, false);
        }

        data.Add(PngRowFilter.Cycle, true);
        return data;
    }
}
