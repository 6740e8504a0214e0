using System.Text.RegularExpressions;
using ColonyQc.Inference.Naming;

namespace ColonyQc.Training.Data;

/// <summary>
/// Decides the splitting group of an image: the largest unit that must stay on one side of a
/// train/validation/test split, so that fields of one well or plate never straddle it.
/// </summary>
public static class SplittingGroups
{
    /// <summary>
    /// The group of <paramref name="path"/>: the first capture of <paramref name="groupBy"/> when
    /// given and matching; else <paramref name="manifestGroup"/> when not empty; else plate/well of an
    /// EVOS plate-scan name; else the file itself. Paths are taken relative to the data set's
    /// <paramref name="root"/> (with '/' separators), so the groups, the split and therefore the model
    /// do not depend on where the data set lives.
    /// </summary>
    public static string Resolve(string path, string? manifestGroup, Regex? groupBy, string root)
    {
        var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
        if (groupBy is not null)
        {
            var match = groupBy.Match(relative);
            if (match.Success)
            {
                return match.Groups.Count > 1 ? match.Groups[1].Value : match.Value;
            }

            return "file:" + relative;
        }

        if (!string.IsNullOrWhiteSpace(manifestGroup))
        {
            return manifestGroup;
        }

        if (EvosFileName.TryParse(path, out var evos) && evos is not null)
        {
            return "evos:" + evos.Plate + "/" + evos.Well;
        }

        return "file:" + relative;
    }

    /// <summary>Compiles a <c>--group-by</c> pattern, naming the defect when it is not a valid regular expression.</summary>
    /// <exception cref="ArgumentException">The pattern does not parse.</exception>
    public static Regex? Compile(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return null;
        }

        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"--group-by '{pattern}' is not a valid regular expression: {ex.Message}", nameof(pattern), ex);
        }
    }
}
