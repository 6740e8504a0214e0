using ColonyQc.Inference.Imaging;
using ColonyQc.TestSupport;
using Xunit;

namespace ColonyQc.Inference.Tests.Imaging.Tiff;

/// <summary>The real Allen plate-imager TIFFs decode to the same grey values as an independent decoder (LibTiff.NET).</summary>
public sealed class AllenTiffTests
{
    [AllenDataFact]
    public void Every_real_tiff_matches_libtiff_exactly()
    {
        var files = SharedData.AllAllenFiles();
        Assert.NotEmpty(files);
        foreach (var path in files)
        {
            var reference = LibTiffReference.Read(File.ReadAllBytes(path));
            using var image = ImageDecoder.DecodeFile(path);

            Assert.Equal((reference.Width, reference.Height), (image.Width, image.Height));
            Assert.Equal(8, image.BitDepth);
            var expected = reference.Bytes;
            if (reference.ColourMap is { } map)
            {
                // The grey a palette index stands for, computed from LibTiff.NET's own reading of the colour map.
                var grey = Enumerable.Range(0, 256).Select(i => ExpectedGrey.Luma(map[0][i] >> 8, map[1][i] >> 8, map[2][i] >> 8)).ToArray();
                for (var i = 0; i < expected.Length; i++)
                {
                    expected[i] = grey[expected[i]];
                }

                Assert.Equal(ChannelLayout.Palette, image.Metadata.SourceLayout);
            }

            Assert.True(expected.AsSpan().SequenceEqual(image.Pixels8), $"{Path.GetFileName(path)} differs from LibTiff.NET");
        }
    }

    [AllenDataFact]
    public void Tiles_are_palette_indexed_grey_ramps_with_real_variation()
    {
        var tile = SharedData.AllAllenFiles().First(f => f.Contains("/tiles/", StringComparison.Ordinal));
        using var image = ImageDecoder.DecodeFile(tile);

        var reference = LibTiffReference.Read(File.ReadAllBytes(tile));
        Assert.NotNull(reference.ColourMap);
        Assert.Equal(1958, image.Width);
        var distinct = image.Pixels8.ToArray().Distinct().Count();
        Assert.True(distinct > 50, $"only {distinct} grey levels: the palette or predictor was mishandled");
    }
}
