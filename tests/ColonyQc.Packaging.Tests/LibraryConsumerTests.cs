using ColonyQc.TestSupport;
using Xunit;

namespace ColonyQc.Packaging.Tests;

/// <summary>
/// A lab's first use of the library: a new console app that restores ColonyQc.Inference from a local
/// folder and runs the README's C# example (taken from README.md itself) on the sample images; then the
/// same app published for each platform carries that platform's natives and the shipped model.
/// </summary>
[Collection(nameof(PackedFeed))]
public sealed class LibraryConsumerTests(PackedFeed feed)
{
    private static readonly Dictionary<string, string> OnnxRuntimeNative = new()
    {
        ["win-x64"] = "onnxruntime.dll",
        ["linux-x64"] = "libonnxruntime.so",
        ["osx-arm64"] = "libonnxruntime.dylib",
    };

    [Fact]
    public void Fresh_console_app_restores_the_packages_and_runs_the_readme_example_then_names_a_missing_native()
    {
        var app = CreateApp("readme-app");
        var output = Publish(app, "linux-x64");

        var run = DotnetCli.Run("dotnet", [Path.Combine(output, "readme-app.dll")], app);

        Assert.True(run.ExitCode == 0, run.Both);
        var samples = Directory.GetFiles(Path.Combine(app, "sample-images"), "*.tif");
        Assert.NotEmpty(samples);
        foreach (var sample in samples)
        {
            Assert.Contains(Path.GetFileName(sample) + ": ", run.Output, StringComparison.Ordinal);
        }

        // The same app without ONNX Runtime's native: one clear message, not a raw load failure.
        File.Delete(Path.Combine(output, "libonnxruntime.so"));
        var broken = DotnetCli.Run("dotnet", [Path.Combine(output, "readme-app.dll")], app);

        Assert.NotEqual(0, broken.ExitCode);
        Assert.Contains("ONNX Runtime's native library (libonnxruntime.so) could not be loaded on linux-x64", broken.Error, StringComparison.Ordinal);
        Assert.Contains("win-x64, linux-x64 and osx-arm64", broken.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("win-x64")]
    [InlineData("osx-arm64")]
    public void Published_app_holds_its_platform_natives_and_the_shipped_model(string platform)
    {
        var output = Publish(CreateApp("publish-" + platform), platform);

        Assert.True(File.Exists(Path.Combine(output, OnnxRuntimeNative[platform])), $"{platform}: no {OnnxRuntimeNative[platform]} in {string.Join(", ", Directory.GetFiles(output).Select(Path.GetFileName))}");
        Assert.All(OnnxRuntimeNative.Where(kv => kv.Key != platform), other => Assert.False(File.Exists(Path.Combine(output, other.Value)), other.Value));
        Assert.True(File.Exists(Path.Combine(output, "models", "colonyqc.onnx")));
        Assert.True(File.Exists(Path.Combine(output, "SixLabors.ImageSharp.dll")));
        Assert.Empty(Directory.GetFiles(output, "*vips*", SearchOption.AllDirectories));
    }

    private string Publish(string app, string platform)
    {
        var output = Path.Combine(app, "out");
        var publish = DotnetCli.Run("dotnet", ["publish", "-c", "Release", "-r", platform, "--self-contained", "false", "-p:UseAppHost=false", "-o", output], app, feed.RestoreEnvironment);
        Assert.True(publish.ExitCode == 0, publish.Both);
        if (platform == "linux-x64")
        {
            Assert.True(File.Exists(Path.Combine(output, "libonnxruntime.so")));
            Assert.True(File.Exists(Path.Combine(output, "models", "colonyqc.onnx")));
            Assert.False(File.Exists(Path.Combine(output, "onnxruntime.dll")));
        }

        return output;
    }

    /// <summary>A console app whose Program.cs is the README's C# block, run beside a copy of the sample images.</summary>
    private string CreateApp(string name)
    {
        var folder = Path.Combine(feed.Root, "apps", name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "readme-app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <AssemblyName>readme-app</AssemblyName>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ColonyQc.Inference" Version="{PackedFeed.Version}" />
              </ItemGroup>
            </Project>
            """);

        // An empty Directory.Build.props/.targets and package props stop the repository's own from applying (temp is outside it anyway).
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(folder, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(folder, "Directory.Packages.props"), "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>");
        feed.WriteNuGetConfig(folder);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), ReadmeExample());
        var samples = Path.Combine(folder, "sample-images");
        Directory.CreateDirectory(samples);
        foreach (var file in Directory.GetFiles(Path.Combine(SharedData.RepositoryRoot, "sample-images")))
        {
            File.Copy(file, Path.Combine(samples, Path.GetFileName(file)), overwrite: true);
        }

        return folder;
    }

    /// <summary>The README's C# code block, as a user would paste it.</summary>
    private static string ReadmeExample()
    {
        var readme = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf("```csharp\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no C# example");
        start += "```csharp\n".Length;
        var end = readme.IndexOf("```", start, StringComparison.Ordinal);
        return readme[start..end];
    }
}
