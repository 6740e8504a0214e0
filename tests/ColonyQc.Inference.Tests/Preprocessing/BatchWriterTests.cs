using ColonyQc.Inference.Model;
using ColonyQc.Inference.Preprocessing;
using Xunit;

namespace ColonyQc.Inference.Tests.Preprocessing;

public sealed class BatchWriterTests
{
    private static CanonicalPlane RandomPlane(int width, int height, int seed)
    {
        var random = new Random(seed);
        var plane = CanonicalPlane.Rent(width, height);
        for (var i = 0; i < plane.Pixels.Length; i++)
        {
            plane.Pixels[i] = (float)random.NextDouble();
        }

        return plane;
    }

    [Fact]
    public void Window_is_copied_normalised_in_nchw_order()
    {
        using var plane = RandomPlane(40, 30, seed: 1);
        var layout = WindowLayout.For(40, 30, 16, 12);
        using var batch = WindowBatch.Rent(4, 16);
        var normalization = new InputNormalization(Mean: 0.25, Std: 0.5);

        BatchWriter.Append(batch, plane, layout, 0, normalization);
        BatchWriter.Append(batch, plane, layout, 5, normalization);

        Assert.Equal(2, batch.Count);
        Assert.Equal(2 * 16 * 16, batch.Data.Length);
        var (x, y) = layout.Origin(5);
        for (var r = 0; r < 16; r++)
        {
            for (var c = 0; c < 16; c++)
            {
                var expected = (plane.Pixels[((y + r) * 40) + x + c] - 0.25f) * 2f;
                Assert.Equal(expected, batch.Slot(1)[(r * 16) + c], 1e-6f);
            }
        }
    }

    [Fact]
    public void Returned_texture_is_the_measure_bit_for_bit_on_every_level()
    {
        using var plane = RandomPlane(53, 41, seed: 2);
        var layout = WindowLayout.For(53, 41, 20, 15);
        var normalization = new InputNormalization();
        foreach (var level in new[] { SimdLevel.Scalar, SimdLevel.Vector128, SimdLevel.Vector256 })
        {
            using var batch = WindowBatch.Rent(layout.Count, 20);
            for (var i = 0; i < layout.Count; i++)
            {
                var (x, y) = layout.Origin(i);
                var texture = BatchWriter.Append(batch, plane, layout, i, normalization, level);
                Assert.Equal(WindowTexture.Measure(plane.Pixels, 53, x, y, 20), texture);
            }
        }
    }

    [Fact]
    public void Every_level_writes_the_same_batch()
    {
        using var plane = RandomPlane(37, 37, seed: 3);
        var layout = WindowLayout.For(37, 37, 13, 8);
        var normalization = new InputNormalization(0.5, 0.2);
        float[]? reference = null;
        foreach (var level in new[] { SimdLevel.Scalar, SimdLevel.Vector128, SimdLevel.Vector256 })
        {
            using var batch = WindowBatch.Rent(layout.Count, 13);
            for (var i = 0; i < layout.Count; i++)
            {
                BatchWriter.Append(batch, plane, layout, i, normalization, level);
            }

            // 13 px windows are stored with gaps (WindowBatch aligns every slot): compare slot by slot.
            var data = Enumerable.Range(0, batch.Count).SelectMany(i => batch.Slot(i).ToArray()).ToArray();
            reference ??= data;
            Assert.Equal(reference, data);
        }
    }

    [Fact]
    public void Small_plane_window_is_padded_by_reflection()
    {
        using var plane = CanonicalPlane.Rent(3, 2);
        float[] values = [0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f];
        values.CopyTo(plane.Pixels);
        var layout = WindowLayout.For(3, 2, 4, 4);
        using var batch = WindowBatch.Rent(1, 4);

        BatchWriter.Append(batch, plane, layout, 0, new InputNormalization());

        float[] expected =
        [
            0.1f, 0.2f, 0.3f, 0.2f,
            0.4f, 0.5f, 0.6f, 0.5f,
            0.1f, 0.2f, 0.3f, 0.2f,
            0.4f, 0.5f, 0.6f, 0.5f,
        ];
        Assert.Equal(expected, batch.Slot(0).ToArray());
    }

    [Fact]
    public void Batch_spans_images_until_full()
    {
        using var first = RandomPlane(20, 20, seed: 4);
        using var second = RandomPlane(30, 20, seed: 5);
        using var batch = WindowBatch.Rent(3, 16);
        var normalization = new InputNormalization();

        BatchWriter.Append(batch, first, WindowLayout.For(20, 20, 16, 8), 0, normalization);
        BatchWriter.Append(batch, second, WindowLayout.For(30, 20, 16, 8), 1, normalization);
        BatchWriter.Append(batch, second, WindowLayout.For(30, 20, 16, 8), 2, normalization);

        Assert.True(batch.IsFull);
        Assert.Throws<InvalidOperationException>(() => BatchWriter.Append(batch, first, WindowLayout.For(20, 20, 16, 8), 0, normalization));
        batch.Clear();
        Assert.Equal(0, batch.Count);
    }

    [Fact]
    public void Mismatched_layout_is_refused()
    {
        using var plane = RandomPlane(20, 20, seed: 6);
        using var batch = WindowBatch.Rent(2, 16);

        Assert.Throws<ArgumentException>(() => BatchWriter.Append(batch, plane, WindowLayout.For(20, 20, 8, 8), 0, new InputNormalization()));
        Assert.Throws<ArgumentException>(() => BatchWriter.Append(batch, plane, WindowLayout.For(21, 20, 16, 8), 0, new InputNormalization()));
    }
}
