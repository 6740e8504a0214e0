using ColonyQc.Training.Data;
using Xunit;

namespace ColonyQc.Training.Tests.Data;

public class WindowLabelerTests
{
    private static readonly string[] Classes = ["good", "differentiating", "abnormal"];

    private static CanonicalImage Image(int label, params ColonyBox[] colonies) =>
        new(new LabelledImage("x.tif", label, "g"), 200, 200, new float[200 * 200], colonies, "0");

    [Fact]
    public void The_worst_covering_colony_labels_the_window()
    {
        var image = Image(2, new ColonyBox(0, 0, 50, 50, 0), new ColonyBox(40, 0, 30, 30, 2));
        Assert.Equal(2, new WindowLabeler(Classes).Label(image, 0, 0, 64));
    }

    [Fact]
    public void Background_is_good_in_a_good_image_and_ignored_elsewhere()
    {
        var labeler = new WindowLabeler(Classes);
        Assert.Equal(0, labeler.Label(Image(0, new ColonyBox(0, 0, 20, 20, 0)), 100, 100, 64));
        Assert.Equal(WindowLabeler.Ignore, labeler.Label(Image(2, new ColonyBox(0, 0, 20, 20, 2)), 100, 100, 64));
    }

    [Fact]
    public void A_grazing_colony_leaves_the_window_out()
    {
        // 5x64 of a 200x200 colony inside a 64 window: 7.8% of the window, 0.8% of the colony.
        var image = Image(1, new ColonyBox(59, 0, 200, 200, 1));
        Assert.Equal(WindowLabeler.Ignore, new WindowLabeler(Classes).Label(image, 0, 0, 64));
    }

    [Fact]
    public void Without_annotations_the_image_label_is_used()
    {
        var image = new CanonicalImage(new LabelledImage("x.tif", 1, "g"), 10, 10, new float[100], null, "0");
        Assert.Equal(1, new WindowLabeler(Classes).Label(image, 0, 0, 64));
    }
}
