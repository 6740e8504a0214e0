namespace ColonyQc.Compare;

/// <summary>
/// The images of a folder, as every contender lists them (the Python one the same way): files
/// with an image extension, sorted by ordinal name, so all score the same files in the same order.
/// </summary>
public static class ImageFolder
{
    private static readonly string[] Extensions = [".tif", ".tiff", ".png", ".jpg", ".jpeg"];

    /// <summary>Lists the images in <paramref name="directory"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">The folder holds no image.</exception>
    public static IReadOnlyList<string> List(string directory)
    {
        var files = System.IO.Directory.GetFiles(directory)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        return files.Count > 0 ? files : throw new InvalidDataException($"{directory} holds no .tif/.tiff/.png/.jpg/.jpeg image");
    }
}
