using System.Text;
using ColonyQc.Cli.Reports;
using ColonyQc.Inference.Imaging;
using Xunit;

namespace ColonyQc.Cli.Tests.Reports;

public sealed class HtmlReportTests
{
    private static string Render(IReadOnlyList<ReportRow> rows, Func<ReportRow, Thumbnail?> thumbnail)
    {
        using var stream = new MemoryStream();
        var summary = RunSummary.From(rows, SampleRows.ClassNames, 1, 0, rows.Count, TimeSpan.FromSeconds(2));
        HtmlReport.Write(stream, JsonReportTests.Run(), summary, rows, thumbnail);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static Thumbnail Grey(int width, int height)
    {
        using var image = GreyImage.Create8(width, height, new ImageMetadata(ImageFormatKind.Png, ChannelLayout.Grey, width, height, 8));
        for (var i = 0; i < width * height; i++)
        {
            image.Pixels8[i] = (byte)(i * 7 % 251);
        }

        return Thumbnail.FromImage(image);
    }

    [Fact]
    public void Page_lists_review_items_then_errors_then_the_rest_and_names_every_file()
    {
        var rows = new[]
        {
            SampleRows.Scored("a-good.tif"),
            SampleRows.Scored("b-review.tif", "differentiating", review: true),
            SampleRows.Failed("c-broken.tif", "c-broken.tif: truncated TIFF"),
            SampleRows.Scored("d-abnormal.tif", "abnormal"),
        };
        var thumb = Grey(64, 48);
        var html = Render(rows, r => thumb);

        var review = html.IndexOf("b-review.tif</div>", StringComparison.Ordinal);
        var error = html.IndexOf("c-broken.tif: truncated TIFF", StringComparison.Ordinal);
        var rest = html.IndexOf("a-good.tif</div>", StringComparison.Ordinal);
        Assert.True(review > 0 && error > review && rest > error, $"order review {review}, error {error}, rest {rest}");
        Assert.Contains("d-abnormal.tif</div>", html, StringComparison.Ordinal);
        Assert.Contains("Needs review (1)", html, StringComparison.Ordinal);
        Assert.Contains("Errors (1)", html, StringComparison.Ordinal);
        Assert.Contains("low confidence, scale assumed", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_is_self_contained_with_inline_thumbnails_and_heatmaps()
    {
        var html = Render([SampleRows.Scored("a.tif")], r => Grey(300, 200));
        Assert.Contains("<style>", html, StringComparison.Ordinal);
        Assert.Contains("src=\"data:image/png;base64,", html, StringComparison.Ordinal);
        Assert.Contains("width=\"256\" height=\"171\"", html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"heat\" viewBox=\"0 0 8 4\"", html, StringComparison.Ordinal);
        // Two voting windows: one good (green), one abnormal (red).
        Assert.Contains("fill=\"#2e9d4f\"", html, StringComparison.Ordinal);
        Assert.Contains("fill=\"#d23a2f\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Embedded_data_reads_back_with_windows()
    {
        var rows = new[] { SampleRows.Scored("x</script><b>.tif"), SampleRows.Failed("y.tif", "y.tif: zero bytes") };
        var html = Render(rows, _ => null);
        Assert.DoesNotContain("x</script><b>.tif", html, StringComparison.Ordinal);

        var back = HtmlReport.Read(html, "r.html").Rows;
        Assert.Equal(2, back.Count);
        SampleRows.AssertSameColumns(rows[0], back[0]);
        SampleRows.AssertSameColumns(rows[1], back[1]);
        Assert.NotNull(back[0].Windows);
    }

    [Fact]
    public void Thumbnail_stretches_a_dim_16_bit_image_to_the_full_8_bit_range()
    {
        using var image = GreyImage.Create16(40, 30, new ImageMetadata(ImageFormatKind.Tiff, ChannelLayout.Grey, 40, 30, 16));
        for (var i = 0; i < 1200; i++)
        {
            image.Pixels16[i] = (ushort)(1000 + (i % 40 * 10));
        }

        var thumb = Thumbnail.FromImage(image, 20);
        Assert.Equal(20, thumb.Width);
        Assert.Equal(15, thumb.Height);
        using var decoded = ImageDecoder.Decode(thumb.Png, "thumb.png");
        var pixels = decoded.Pixels8.ToArray();
        Assert.Equal(0, pixels.Min());
        Assert.Equal(255, pixels.Max());
    }
}
