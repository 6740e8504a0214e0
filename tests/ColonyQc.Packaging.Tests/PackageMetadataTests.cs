using System.Xml.Linq;
using Xunit;

namespace ColonyQc.Packaging.Tests;

/// <summary>Every package says what it is, under which licence, where it comes from, and carries its readme.</summary>
[Collection(nameof(PackedFeed))]
public sealed class PackageMetadataTests(PackedFeed feed)
{
    public static TheoryData<string> Packages() =>
        ["ColonyQc.Models", "ColonyQc.Inference", "ColonyQc.MLNet", "colonyqc", "colonyqc.linux-x64", "colonyqc.win-x64", "colonyqc.osx-arm64", "colonyqc-train", "colonyqc-train.linux-x64"];

    [Theory]
    [MemberData(nameof(Packages))]
    public void Has_licence_readme_repository_tags_and_a_real_description(string id)
    {
        var metadata = XDocument.Parse(feed.Nuspec(id)).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal("MIT", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        Assert.Contains(feed.Entries(id), e => e.Path == "README.md" && e.Length > 200);
        Assert.StartsWith("https://", metadata.Elements().Single(e => e.Name.LocalName == "repository").Attribute("url")!.Value, StringComparison.Ordinal);
        Assert.StartsWith("https://", Value("projectUrl"), StringComparison.Ordinal);
        Assert.Contains("ipsc", Value("tags") ?? string.Empty, StringComparison.Ordinal);
        var description = Value("description") ?? string.Empty;
        Assert.DoesNotContain("Package Description", description, StringComparison.Ordinal);
        Assert.True(description.Length > 80, $"{id}: description too short: {description}");
    }

    [Fact]
    public void Repository_has_the_licence_the_packages_declare()
    {
        var licence = File.ReadAllText(Path.Combine(TestSupport.SharedData.RepositoryRoot, "LICENSE"));
        Assert.StartsWith("MIT License", licence, StringComparison.Ordinal);
    }
}
