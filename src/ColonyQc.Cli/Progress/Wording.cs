using System.Globalization;

namespace ColonyQc.Cli.Progress;

/// <summary>Small helpers for messages a person reads.</summary>
internal static class Wording
{
    /// <summary>"1 thread", "2 threads": the count with the right form of the noun.</summary>
    public static string Plural(int count, string one, string many) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many);
}
