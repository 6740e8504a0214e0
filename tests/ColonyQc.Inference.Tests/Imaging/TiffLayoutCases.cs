using ColonyQc.Inference.Imaging.Encoding;
using Xunit;

namespace ColonyQc.Inference.Tests.Imaging;

/// <summary>
/// The grey TIFF layouts that both the encoder tests (read back by LibTiff.NET) and the decoder tests
/// (read back by ColonyQc) run through, so the two always cover the same compressions, predictors,
/// tilings and byte orders.
/// </summary>
internal static class TiffLayoutCases
{
    /// <summary>
    /// (compression, predictor, tiled, big-endian): every compression, with and without the horizontal
    /// predictor where it applies (not for None or PackBits), each as little-endian strips, little-endian
    /// tiles and big-endian strips.
    /// </summary>
    public static TheoryData<TiffCompression, bool, bool, bool> All()
    {
        var data = new TheoryData<TiffCompression, bool, bool, bool>();
        foreach (var compression in Enum.GetValues<TiffCompression>())
        {
            foreach (var predictor in new[] { false, true })
            {
                if (predictor && compression is TiffCompression.None or TiffCompression.PackBits)
                {
                    continue;
                }

                data.Add(compression, predictor, false, false);
                data.Add(compression, predictor, true, false);
                data.Add(compression, predictor, false, true);
            }
        }

        return data;
    }

    /// <summary>
    /// The encoder options for one case of <see cref="All"/>. Each test picks its own tile size and
    /// strip height (so tiles and strips do not line up with the image), used only where the case asks
    /// for tiles and strips respectively; 0 rows per strip is the encoder's default.
    /// </summary>
    public static TiffEncoderOptions Options(TiffCompression compression, bool predictor, bool tiled, bool bigEndian, int tileWidth, int tileHeight, int rowsPerStrip = 0) => new()
    {
        Compression = compression, HorizontalPredictor = predictor, BigEndian = bigEndian, RowsPerStrip = rowsPerStrip,
        TileWidth = tiled ? tileWidth : 0, TileHeight = tiled ? tileHeight : 0,
    };
}
