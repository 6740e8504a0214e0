using ColonyQc.Inference;

namespace ColonyQc.Cli.Tests.Readme;

/// <summary>
/// The C# example of README.md, compiled here. Keep the lines between the markers identical to the
/// README's code block: <see cref="ReadmeTests"/> fails when they drift apart.
/// </summary>
internal static class ReadmeLibraryExample
{
    public static void Run()
    {
        // README:begin
        using var classifier = ColonyClassifier.LoadDefault();
        var options = new ScoreOptions { Objective = "4x" }; // or UmPerPixel = 0.8625; neither: the file's tags

        var images = Directory.GetFiles("sample-images", "*.tif").Order(StringComparer.Ordinal).ToList();
        foreach (var score in classifier.ScoreBatch(images, options))
        {
            Console.WriteLine(score.Ok
                ? $"{score.Source}: {score.Label} {score.Confidence:P0}, review: {string.Join(", ", score.ReviewReasons)}"
                : $"{score.Source}: {score.Error}");
        }

        // README:end
    }
}
