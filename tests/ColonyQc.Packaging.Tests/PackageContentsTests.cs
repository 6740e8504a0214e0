using System.Xml.Linq;
using Xunit;

namespace ColonyQc.Packaging.Tests;

/// <summary>What each package holds, platform by platform: the right natives, nothing that is never loaded, within size.</summary>
[Collection(nameof(PackedFeed))]
public sealed class PackageContentsTests(PackedFeed feed)
{
    private const long ScoringToolLimit = 60L * 1024 * 1024;

    private static readonly Dictionary<string, string> OnnxRuntimeNative = new()
    {
        ["win-x64"] = "onnxruntime.dll",
        ["linux-x64"] = "libonnxruntime.so",
        ["osx-arm64"] = "libonnxruntime.dylib",
    };

    public static TheoryData<string> Platforms() => [.. PackedFeed.Platforms];

    [Fact]
    public void Library_is_platform_neutral_and_depends_on_the_managed_codec_and_the_model()
    {
        var entries = feed.Entries("ColonyQc.Inference");
        Assert.Contains(entries, e => e.Path == "lib/net10.0/ColonyQc.Inference.dll");
        Assert.DoesNotContain(entries, e => e.Path.StartsWith("runtimes/", StringComparison.Ordinal));

        var dependencies = Dependencies("ColonyQc.Inference");
        Assert.Equal("[2.1.13]", dependencies["SixLabors.ImageSharp"]);
        Assert.Contains("Microsoft.ML.OnnxRuntime", dependencies.Keys);
        Assert.Equal(PackedFeed.Version, dependencies["ColonyQc.Models"]);
        Assert.DoesNotContain(dependencies.Keys, id => id.StartsWith("NetVips", StringComparison.OrdinalIgnoreCase) || id.Contains("Torch", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Model_package_carries_the_model_and_the_targets_that_copy_it()
    {
        var entries = feed.Entries("ColonyQc.Models");
        Assert.Contains(entries, e => e.Path == "models/colonyqc.onnx" && e.Length > 10_000);
        Assert.Contains(entries, e => e.Path == "buildTransitive/ColonyQc.Models.targets");
        Assert.Contains(entries, e => e.Path == "lib/net10.0/ColonyQc.Models.dll");
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public void Scoring_tool_holds_its_platform_natives_only_and_stays_under_60_MB(string platform)
    {
        var entries = feed.Entries("colonyqc." + platform);
        var files = entries.Select(e => Path.GetFileName(e.Path)).ToHashSet(StringComparer.Ordinal);

        Assert.Contains(OnnxRuntimeNative[platform], files);
        Assert.All(OnnxRuntimeNative.Where(kv => kv.Key != platform), other => Assert.DoesNotContain(other.Value, files));
        Assert.Contains(entries, e => e.Path == $"tools/net10.0/{platform}/models/colonyqc.onnx");
        AssertNothingNeverLoaded(entries);
        Assert.DoesNotContain(entries, e => e.Path.Contains("torch", StringComparison.OrdinalIgnoreCase) || e.Path.Contains("Skia", StringComparison.OrdinalIgnoreCase));
        var installed = entries.Sum(e => e.Length);
        Assert.True(installed <= ScoringToolLimit, $"colonyqc.{platform} installs {installed / 1e6:F1} MB, over 60 MB");
    }

    [Fact]
    public void Scoring_tool_pointer_package_names_every_platform()
    {
        var nuspec = feed.Nuspec("colonyqc");
        Assert.Contains("DotnetTool", nuspec, StringComparison.Ordinal);
        var entries = feed.Entries("colonyqc");
        var manifest = entries.Single(e => e.Path.EndsWith("DotnetToolSettings.xml", StringComparison.Ordinal));
        Assert.True(manifest.Length > 0);
        using var zip = System.IO.Compression.ZipFile.OpenRead(feed.PackagePath("colonyqc"));
        using var reader = new StreamReader(zip.GetEntry(manifest.Path)!.Open());
        var settings = reader.ReadToEnd();
        Assert.All(PackedFeed.Platforms, platform => Assert.Contains(platform, settings, StringComparison.Ordinal));
    }

    [Fact]
    public void Training_tool_carries_libtorch_without_its_python_binding_test_libraries_or_android_backend()
    {
        var entries = feed.Entries("colonyqc-train.linux-x64");
        var files = entries.Select(e => Path.GetFileName(e.Path)).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("libtorch_cpu.so", files);
        Assert.Contains("libLibTorchSharp.so", files);
        Assert.Contains("libonnxruntime.so", files);
        Assert.Contains(entries, e => e.Path == "tools/net10.0/linux-x64/models/colonyqc.onnx");
        AssertNothingNeverLoaded(entries);
    }

    private static void AssertNothingNeverLoaded(IReadOnlyList<(string Path, long Length)> entries)
    {
        string[] neverLoaded = ["libtorch_python", "_test.", "libbackend_with_compiler", "libaoti_custom_ops", "libnnapi_backend", "android", ".aar", "ios", ".dbg", ".dwarf"];
        foreach (var (path, _) in entries)
        {
            Assert.DoesNotContain(neverLoaded, part => Path.GetFileName(path).Contains(part, StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".xml", StringComparison.Ordinal));
            Assert.False(path.EndsWith(".lib", StringComparison.Ordinal), path);
        }
    }

    private Dictionary<string, string> Dependencies(string id) =>
        XDocument.Parse(feed.Nuspec(id)).Descendants().Where(e => e.Name.LocalName == "dependency")
            .GroupBy(e => e.Attribute("id")!.Value).ToDictionary(g => g.Key, g => g.First().Attribute("version")!.Value);
}
