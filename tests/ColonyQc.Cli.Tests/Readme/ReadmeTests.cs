using ColonyQc.TestSupport;
using Xunit;

namespace ColonyQc.Cli.Tests.Readme;

/// <summary>Changes the current directory and the console writer, so it runs alone.</summary>
[CollectionDefinition(nameof(ProcessWideState), DisableParallelization = true)]
public sealed class ProcessWideState;

[Collection(nameof(ProcessWideState))]
public sealed class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "README.md")).ReplaceLineEndings("\n");

    [Fact]
    public void Readme_gives_the_two_set_up_commands()
    {
        Assert.Contains("\ndotnet run --project src/ColonyQc.Cli -c Release -- score sample-images\n", Readme, StringComparison.Ordinal);
        Assert.Contains("\ndotnet test ColonyQc.sln -c Release\n", Readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_library_example_is_the_compiled_one()
    {
        var block = "```csharp\nusing ColonyQc.Inference;\n\n" + ExampleBody() + "```\n";
        Assert.Contains(block, Readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_library_example_runs_on_the_shipped_model_and_sample_images()
    {
        var root = SharedData.RepositoryRoot;
        if (!File.Exists(Path.Combine(root, "models", "colonyqc.onnx")) || !Directory.Exists(Path.Combine(root, "sample-images")))
        {
            // Before the model ships the example is still compiled (this file) and compared (above).
            return;
        }

        var previousDirectory = Environment.CurrentDirectory;
        var previousOut = Console.Out;
        var captured = new StringWriter();
        try
        {
            Environment.CurrentDirectory = root;
            Console.SetOut(captured);
            ReadmeLibraryExample.Run();
        }
        finally
        {
            Console.SetOut(previousOut);
            Environment.CurrentDirectory = previousDirectory;
        }

        var lines = captured.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Directory.GetFiles(Path.Combine(root, "sample-images"), "*.tif").Length, lines.Length);
        Assert.Contains(lines, l => l.Contains(": good ", StringComparison.Ordinal) || l.Contains(": differentiating ", StringComparison.Ordinal) || l.Contains(": abnormal ", StringComparison.Ordinal));
    }

    private static string ExampleBody()
    {
        var source = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "tests", "ColonyQc.Cli.Tests", "Readme", "ReadmeLibraryExample.cs")).ReplaceLineEndings("\n");
        const string Begin = "// README:begin\n";
        var start = source.IndexOf(Begin, StringComparison.Ordinal) + Begin.Length;
        var end = source.IndexOf("// README:end", start, StringComparison.Ordinal);
        var lines = source[start..end].Split('\n').Select(l => l.Length >= 8 ? l[8..] : l.TrimStart()).ToList();
        // The region ends with a blank line and the marker's indentation; the README block ends at the brace.
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return string.Join('\n', lines) + "\n";
    }
}
