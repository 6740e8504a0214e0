using ColonyQc.Training.Data;
using Xunit;

namespace ColonyQc.Training.Tests.Data;

public class GroupedSplitterTests
{
    private static (List<string> Groups, List<int> Labels) Set(int groups, int perGroup)
    {
        var g = new List<string>();
        var l = new List<int>();
        for (var i = 0; i < groups; i++)
        {
            for (var k = 0; k < perGroup; k++)
            {
                g.Add($"plate{i / 10}/well{i}");
                l.Add(i % 3);
            }
        }

        return (g, l);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(17)]
    public void No_group_is_on_two_sides(int seed)
    {
        var (groups, labels) = Set(groups: 60, perGroup: 5);
        var split = GroupedSplitter.Split(groups, labels, 0.2, 0.15, seed);

        var train = split.Train.Select(i => groups[i]).ToHashSet();
        var validation = split.Validation.Select(i => groups[i]).ToHashSet();
        var test = split.Test.Select(i => groups[i]).ToHashSet();
        Assert.Empty(train.Intersect(validation));
        Assert.Empty(train.Intersect(test));
        Assert.Empty(validation.Intersect(test));
        Assert.Equal(groups.Count, split.Train.Count + split.Validation.Count + split.Test.Count);
        Assert.Equal(Enumerable.Range(0, groups.Count), split.Train.Concat(split.Validation).Concat(split.Test).Order());
    }

    [Fact]
    public void Parts_are_roughly_the_requested_sizes_and_keep_every_class()
    {
        var (groups, labels) = Set(groups: 90, perGroup: 4);
        var split = GroupedSplitter.Split(groups, labels, 0.2, 0.2, seed: 3);
        Assert.InRange(split.Validation.Count / (double)groups.Count, 0.08, 0.35);
        Assert.InRange(split.Test.Count / (double)groups.Count, 0.08, 0.35);
        foreach (var part in new[] { split.Train, split.Validation, split.Test })
        {
            Assert.Equal(3, part.Select(i => labels[i]).Distinct().Count());
        }
    }

    [Fact]
    public void The_split_depends_only_on_the_seed()
    {
        var (groups, labels) = Set(groups: 40, perGroup: 3);
        var a = GroupedSplitter.Split(groups, labels, 0.25, 0, seed: 9);
        var b = GroupedSplitter.Split(groups, labels, 0.25, 0, seed: 9);
        Assert.Equal(a.Validation, b.Validation);
        Assert.Empty(a.Test);
    }

    [Fact]
    public void A_single_group_goes_wholly_to_training()
    {
        var split = GroupedSplitter.Split(["a", "a", "a"], [0, 1, 0], 0.3, 0, seed: 1);
        Assert.Equal(3, split.Train.Count);
        Assert.Empty(split.Validation);
    }

    [Fact]
    public void Fractions_leaving_nothing_to_train_are_refused() =>
        Assert.Throws<ArgumentException>(() => GroupedSplitter.Split(["a", "b"], [0, 1], 0.6, 0.4, 1));
}
