using ColonyQc.Inference.Preprocessing;
using Xunit;

namespace ColonyQc.Inference.Tests.Preprocessing;

public sealed class WindowLayoutTests
{
    [Fact]
    public void Evos_field_is_covered_with_the_last_windows_on_the_border()
    {
        var layout = WindowLayout.For(883, 662, 128, 96);

        Assert.Equal(9, layout.Columns);
        Assert.Equal(7, layout.Rows);
        Assert.Equal(63, layout.Count);
        Assert.Equal((0, 0), layout.Origin(0));
        Assert.Equal((96, 0), layout.Origin(1));
        Assert.Equal((883 - 128, 0), layout.Origin(8));
        Assert.Equal((883 - 128, 662 - 128), layout.Origin(62));
    }

    [Theory]
    [InlineData(128, 128, 128, 64)]
    [InlineData(129, 300, 128, 64)]
    [InlineData(500, 257, 64, 48)]
    [InlineData(1000, 77, 100, 100)]
    public void Every_plane_pixel_is_inside_some_window(int width, int height, int size, int stride)
    {
        var layout = WindowLayout.For(width, height, size, stride);
        var covered = new bool[width * height];
        for (var i = 0; i < layout.Count; i++)
        {
            var (x, y) = layout.Origin(i);
            Assert.InRange(x, 0, Math.Max(0, width - size));
            Assert.InRange(y, 0, Math.Max(0, height - size));
            for (var r = y; r < Math.Min(height, y + size); r++)
            {
                for (var c = x; c < Math.Min(width, x + size); c++)
                {
                    covered[(r * width) + c] = true;
                }
            }
        }

        Assert.All(covered, Assert.True);
    }

    [Fact]
    public void Plane_smaller_than_a_window_gets_one_padded_window()
    {
        var layout = WindowLayout.For(50, 30, 64, 48);

        Assert.Equal(1, layout.Count);
        Assert.Equal((0, 0), layout.Origin(0));
        Assert.False(layout.IsInside(0));
    }

    [Theory]
    [InlineData(-1, 5, 1)]
    [InlineData(-4, 5, 4)]
    [InlineData(5, 5, 3)]
    [InlineData(8, 5, 0)]
    [InlineData(9, 5, 1)]
    [InlineData(2, 5, 2)]
    [InlineData(7, 1, 0)]
    [InlineData(-3, 2, 1)]
    public void Reflection_mirrors_about_the_edge_pixel(int index, int length, int expected)
    {
        Assert.Equal(expected, WindowLayout.ReflectIndex(index, length));
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WindowLayout.For(0, 10, 8, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => WindowLayout.For(10, 10, 8, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => WindowLayout.For(10, 10, 8, 4).Origin(4));
    }
}
