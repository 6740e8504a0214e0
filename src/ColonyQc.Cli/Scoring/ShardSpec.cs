using System.Globalization;
using System.Text;

namespace ColonyQc.Cli.Scoring;

/// <summary>
/// <c>--shard K/N</c>: the K-th (1-based) of N parts of the file list. A file belongs to part
/// <c>FNV-1a-64(relative path) mod N</c>, so the split depends only on each file's own path below the
/// folder argument: every array job computes the same parts without talking to the others, files
/// added later do not move existing files to another part, and every file is in exactly one part.
/// </summary>
/// <param name="Index">K, from 1 to <paramref name="Count"/>.</param>
/// <param name="Count">N, at least 1.</param>
internal sealed record ShardSpec(int Index, int Count)
{
    /// <summary>Parses <c>K/N</c>; returns an error message instead of throwing.</summary>
    public static bool TryParse(string text, out ShardSpec? shard, out string? error)
    {
        shard = null;
        error = null;
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var k)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            error = $"--shard '{text}' is not K/N (e.g. 2/8 for the second of eight parts)";
            return false;
        }

        if (n < 1 || k < 1 || k > n)
        {
            error = $"--shard '{text}': K must be between 1 and N, and N at least 1";
            return false;
        }

        shard = new ShardSpec(k, n);
        return true;
    }

    /// <summary>True when <paramref name="image"/> belongs to this part.</summary>
    public bool Contains(DiscoveredImage image) => (int)(Hash(image.RelativePath) % (ulong)Count) == Index - 1;

    /// <inheritdoc />
    public override string ToString() => $"{Index}/{Count}";

    // FNV-1a, 64-bit, over UTF-8: tiny, stable across runtimes and machines (string.GetHashCode is randomised per process).
    internal static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
