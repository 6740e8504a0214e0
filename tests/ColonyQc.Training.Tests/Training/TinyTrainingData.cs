namespace ColonyQc.Training.Tests.Training;

/// <summary>A few dozen small labelled fields in class folders, one group each, for fast training runs.</summary>
internal static class TinyTrainingData
{
    public static readonly string[] Classes = ["good", "differentiating", "abnormal"];

    public static void Write(TestImages images, string folder, int perClass, IReadOnlyList<string>? classes = null)
    {
        classes ??= Classes;
        for (var c = 0; c < classes.Count; c++)
        {
            for (var i = 0; i < perClass; i++)
            {
                images.WriteTiff(Path.Combine(folder, classes[c], $"field{i:D2}.tif"), 384, 288, c, (c * 1000) + i);
            }
        }
    }
}
