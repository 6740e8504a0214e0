using ColonyQc.Synthetic.Rendering;
using Xunit;

namespace ColonyQc.Synthetic.Tests.Rendering;

public sealed class ColonySimulatorTests
{
    private static FieldRequest Request(ColonyClass label, long index = 0, ulong seed = 11) =>
        new() { Label = label, Width = 320, Height = 240, Seed = seed, Index = index };

    [Theory]
    [InlineData(ColonyClass.Good)]
    [InlineData(ColonyClass.Differentiating)]
    [InlineData(ColonyClass.Abnormal)]
    public void Same_request_renders_identical_pixels(ColonyClass label)
    {
        var a = ColonySimulator.Render(Request(label));
        var b = ColonySimulator.Render(Request(label));
        Assert.Equal(a.Pixels, b.Pixels);
        Assert.Equal(a.Colonies, b.Colonies);
    }

    [Fact]
    public void Rendering_in_parallel_gives_the_same_fields_as_one_by_one()
    {
        var requests = Enumerable.Range(0, 6).Select(i => Request((ColonyClass)(i % 3), i)).ToArray();
        var serial = requests.Select(ColonySimulator.Render).ToArray();
        var parallel = new RenderedField[requests.Length];
        Parallel.For(0, requests.Length, new ParallelOptions { MaxDegreeOfParallelism = 3 }, i => parallel[i] = ColonySimulator.Render(requests[i]));
        for (var i = 0; i < requests.Length; i++)
        {
            Assert.Equal(serial[i].Pixels, parallel[i].Pixels);
        }
    }

    [Fact]
    public void Different_index_or_seed_gives_a_different_field()
    {
        var a = ColonySimulator.Render(Request(ColonyClass.Good, 0, 11));
        Assert.NotEqual(a.Pixels, ColonySimulator.Render(Request(ColonyClass.Good, 1, 11)).Pixels);
        Assert.NotEqual(a.Pixels, ColonySimulator.Render(Request(ColonyClass.Good, 0, 12)).Pixels);
    }

    [Theory]
    [InlineData(ColonyClass.Good)]
    [InlineData(ColonyClass.Differentiating)]
    [InlineData(ColonyClass.Abnormal)]
    public void Label_is_the_worst_colony_and_boxes_lie_in_the_frame(ColonyClass label)
    {
        for (var i = 0; i < 8; i++)
        {
            var field = ColonySimulator.Render(Request(label, i) with { EmptyFieldProbability = 0 });
            Assert.Equal(label, field.Label);
            Assert.NotEmpty(field.Colonies);
            Assert.Equal(label, field.Colonies.Max(c => c.Class));
            Assert.Equal(Enumerable.Range(0, field.Colonies.Count), field.Colonies.Select(c => c.Index));
            Assert.All(field.Colonies, c =>
            {
                Assert.InRange(c.X, 0, field.Width - 1);
                Assert.InRange(c.Y, 0, field.Height - 1);
                Assert.InRange(c.X + c.Width, 1, field.Width);
                Assert.InRange(c.Y + c.Height, 1, field.Height);
            });
        }
    }

    [Fact]
    public void Pixels_are_fractions_of_full_scale_with_the_requested_frame_and_scale()
    {
        var field = ColonySimulator.Render(Request(ColonyClass.Abnormal) with { Width = 200, Height = 150, UmPerPixel = 0.345 });
        Assert.Equal(200 * 150, field.Pixels.Length);
        Assert.Equal((200, 150, 0.345), (field.Width, field.Height, field.UmPerPixel));
        Assert.All(field.Pixels, v => Assert.InRange(v, 0f, 1f));
        Assert.True(field.Pixels.Average() is > 0.1f and < 0.95f);
    }

    [Fact]
    public void Empty_good_fields_have_no_colony_but_still_have_content()
    {
        var field = ColonySimulator.Render(Request(ColonyClass.Good) with { EmptyFieldProbability = 1 });
        Assert.True(field.IsEmpty);
        Assert.Equal(ColonyClass.Good, field.Label);
        var mean = field.Pixels.Average();
        Assert.True(field.Pixels.Any(v => MathF.Abs(v - mean) > 0.01f), "an empty field still has noise, debris and illumination");
    }

    [Fact]
    public void Empty_probability_does_not_empty_other_classes()
    {
        Assert.False(ColonySimulator.Render(Request(ColonyClass.Abnormal) with { EmptyFieldProbability = 1 }).IsEmpty);
    }

    [Fact]
    public void Fields_of_one_acquisition_group_share_exposure()
    {
        static float Median(RenderedField f) => f.Pixels.Order().ElementAt(f.Pixels.Length / 2);
        var grouped = Enumerable.Range(0, 6).Select(i => Median(ColonySimulator.Render(Request(ColonyClass.Good, i) with { AcquisitionGroup = 5 }))).ToArray();
        var separate = Enumerable.Range(0, 6).Select(i => Median(ColonySimulator.Render(Request(ColonyClass.Good, i)))).ToArray();
        Assert.True(grouped.Max() - grouped.Min() < 0.5 * (separate.Max() - separate.Min()), $"grouped {string.Join(' ', grouped)} vs separate {string.Join(' ', separate)}");
    }

    [Theory]
    [InlineData(8, 240, 0.86)]
    [InlineData(320, 20000, 0.86)]
    [InlineData(320, 240, 0.01)]
    [InlineData(320, 240, double.NaN)]
    public void Bad_frames_and_scales_are_refused(int width, int height, double um)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ColonySimulator.Render(Request(ColonyClass.Good) with { Width = width, Height = height, UmPerPixel = um }));
        Assert.Contains(width < 16 ? "width" : height > 16384 ? "height" : "micrometres", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_class_and_bad_empty_probability_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ColonySimulator.Render(Request((ColonyClass)7)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ColonySimulator.Render(Request(ColonyClass.Good) with { EmptyFieldProbability = 1.5 }));
    }
}
