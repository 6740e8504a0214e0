using System.CommandLine;

namespace ColonyQc.Cli;

/// <summary>
/// "Did you mean ...?" for a mistyped verb or option: each token the parser could not place is compared
/// (edit distance, case-insensitive) with the verbs, when no verb was recognised, or with the options of
/// the verb that was, and the closest within a third of its length is named.
/// </summary>
internal static class TypoSuggestions
{
    public static IEnumerable<string> For(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        foreach (var token in parsed.UnmatchedTokens.Distinct(StringComparer.Ordinal))
        {
            var candidates = token.StartsWith('-')
                ? command.Options.Concat(parsed.RootCommandResult.Command.Options.Where(o => o.Recursive)).SelectMany(o => o.Aliases.Prepend(o.Name))
                : command.Subcommands.Select(c => c.Name);
            if (Closest(token, candidates) is { } match)
            {
                yield return $"Did you mean '{match}' instead of '{token}'?";
            }
        }
    }

    /// <summary>Argument tokens that look like long options ("--x") and name no file or folder.</summary>
    public static IEnumerable<string> OptionLikeArguments(ParseResult parsed) =>
        parsed.Tokens
            .Where(t => t.Type == System.CommandLine.Parsing.TokenType.Argument && t.Value.StartsWith("--", StringComparison.Ordinal) && t.Value.Length > 2)
            .Select(t => t.Value)
            .Where(v => !File.Exists(v) && !Directory.Exists(v))
            .Distinct(StringComparer.Ordinal);

    /// <summary>"Did you mean ...?" for <paramref name="tokens"/> against the options of the parsed verb.</summary>
    public static IEnumerable<string> ForOptions(ParseResult parsed, IEnumerable<string> tokens)
    {
        var command = parsed.CommandResult.Command;
        var candidates = command.Options.Concat(parsed.RootCommandResult.Command.Options.Where(o => o.Recursive)).SelectMany(o => o.Aliases.Prepend(o.Name)).ToList();
        foreach (var token in tokens)
        {
            if (Closest(token, candidates) is { } match)
            {
                yield return $"Did you mean '{match}' instead of '{token}'?";
            }
        }
    }

    internal static string? Closest(string typed, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates.Distinct(StringComparer.Ordinal))
        {
            var distance = Distance(typed.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        // Within a third of the word (at least one edit): closer than that is a typo, further is another word.
        return best is not null && bestDistance > 0 && bestDistance <= Math.Max(1, best.TrimStart('-').Length / 3) ? best : null;
    }

    // Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps ("scroe").
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
