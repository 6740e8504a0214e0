namespace ColonyQc.Cli.Reports;

/// <summary>
/// Writes a file so that readers only ever see the old content or the complete new one: the bytes
/// go to a temporary file in the same folder (a rename is atomic only within one file system), are
/// flushed to disk, and the temporary file is then renamed over the target.
/// </summary>
internal static class AtomicFileWriter
{
    /// <summary>Prefix of the temporary files, so a folder scan never mistakes one for input.</summary>
    public const string TempPrefix = ".colonyqc-tmp-";

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, atomically.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, TempPrefix + Path.GetFileName(full) + "-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original error is what the caller needs to see.
        }
        catch (UnauthorizedAccessException)
        {
            // Same: never mask the write failure with a clean-up failure.
        }
    }
}
