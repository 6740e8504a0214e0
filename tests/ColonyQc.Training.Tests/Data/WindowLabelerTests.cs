using ColonyQc.Training.Data;
using Xunit;

namespace ColonyQc.Training.Tests.Data;

public class WindowLabelerTests
{
    private static readonly int[] Classes = [0, 1, 2];

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
    public void Without_annotations_no_window_has_a_label_of_its_own()
    {
        // The multiple-instance loss learns from the image label; a window label would be a guess.
        var image = new CanonicalImage(new LabelledImage("x.tif", 1, "g"), 10, 10, new float[100], null, "0");
        Assert.Equal(WindowLabeler.Ignore, new WindowLabeler(Classes).Label(image, 0, 0, 64));
    }

    [Fact]
    public void Severities_not_class_order_decide_the_worst_colony()
    {
        // Class 0 is the most severe here: it wins over class 1 though its index is lower.
        var image = Image(0, new ColonyBox(0, 0, 50, 50, 1), new ColonyBox(40, 0, 30, 30, 0));
        Assert.Equal(0, new WindowLabeler([2, 0]).Label(image, 0, 0, 64));
    }
}
