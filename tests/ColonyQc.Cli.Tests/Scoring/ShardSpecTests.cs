using ColonyQc.Cli.Scoring;
using Xunit;

namespace ColonyQc.Cli.Tests.Scoring;

public sealed class ShardSpecTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Parts_cover_every_file_exactly_once(int parts)
    {
        var files = Enumerable.Range(0, 200).Select(i => new DiscoveredImage($"plate/scan_R_p00_z00_0_B{i % 12:00}f{i:00}d0.tif", $"scan_R_p00_z00_0_B{i % 12:00}f{i:00}d0.tif")).ToList();
        var seen = new Dictionary<string, int>();
        for (var k = 1; k <= parts; k++)
        {
            var shard = new ShardSpec(k, parts);
            foreach (var f in files.Where(shard.Contains))
            {
                seen[f.Path] = seen.GetValueOrDefault(f.Path) + 1;
            }
        }

        Assert.Equal(files.Count, seen.Count);
        Assert.All(seen.Values, v => Assert.Equal(1, v));
    }

    [Fact]
    public void Parts_are_roughly_balanced_and_stable()
    {
        var files = Enumerable.Range(0, 3000).Select(i => new DiscoveredImage($"f{i}.tif", $"f{i}.tif")).ToList();
        for (var k = 1; k <= 3; k++)
        {
            var count = files.Count(new ShardSpec(k, 3).Contains);
            Assert.InRange(count, 900, 1100);
        }

        // The FNV-1a-64 test vector: the split must not change between versions or machines.
        Assert.Equal(0xaf63dc4c8601ec8cUL, ShardSpec.Hash("a"));
    }

    [Theory]
    [InlineData("2/8", 2, 8)]
    [InlineData("1/1", 1, 1)]
    public void Parses_k_of_n(string text, int k, int n)
    {
        Assert.True(ShardSpec.TryParse(text, out var shard, out _));
        Assert.Equal(new ShardSpec(k, n), shard);
    }

    [Theory]
    [InlineData("0/4")]
    [InlineData("5/4")]
    [InlineData("1/0")]
    [InlineData("2")]
    [InlineData("a/b")]
    [InlineData("-1/3")]
    public void Refuses_anything_else_with_a_message(string text)
    {
        Assert.False(ShardSpec.TryParse(text, out var shard, out var error));
        Assert.Null(shard);
        Assert.Contains(text, error, StringComparison.Ordinal);
    }
}
