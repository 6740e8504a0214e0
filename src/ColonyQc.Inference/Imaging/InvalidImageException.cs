namespace ColonyQc.Inference.Imaging;

/// <summary>
/// The one exception every decoder throws for bad input: empty, truncated, corrupt, unsupported,
/// mislabelled or oversized files. The message names the file and the defect.
/// </summary>
public sealed class InvalidImageException : Exception
{
    /// <summary>Creates the exception for <paramref name="fileName"/> with the defect described by <paramref name="defect"/>.</summary>
    public InvalidImageException(string fileName, string defect, Exception? inner = null)
        : base($"{fileName}: {defect}", inner)
    {
        FileName = fileName;
        Defect = defect;
    }

    /// <summary>The file (or stream name) that failed.</summary>
    public string FileName { get; }

    /// <summary>What is wrong with it, in words a technician can act on.</summary>
    public string Defect { get; }
}
