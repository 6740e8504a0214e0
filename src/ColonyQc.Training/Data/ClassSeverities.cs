using System.Globalization;
using ColonyQc.Inference.Model;

namespace ColonyQc.Training.Data;

/// <summary>
/// Decides the severity of each class a model is trained for (0 healthy, higher worse), which the
/// worst-colony rule and the training loss need. In order: what the user gives
/// (<c>--severities name=level,...</c>); the base model's severities for the classes it knows, a class it
/// does not know counting as the most severe level when the base model's healthiest class is present
/// (a lab's good/bad set fine-tuned from good/differentiating/abnormal); the meaning manifests before
/// version 3 gave the standard class names. Otherwise training refuses to guess.
/// </summary>
public static class ClassSeverities
{
    /// <summary>Severities for <paramref name="classNames"/>, in their order.</summary>
    /// <exception cref="ArgumentException">The explicit list is malformed or misses a class, or nothing tells the order.</exception>
    public static int[] Resolve(IReadOnlyList<string> classNames, ModelManifest? baseModel, string? explicitSeverities)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        if (!string.IsNullOrWhiteSpace(explicitSeverities))
        {
            return Parse(explicitSeverities, classNames);
        }

        if (baseModel is not null)
        {
            var known = baseModel.Severities();
            var healthiest = known.Min();
            var result = new int[classNames.Count];
            var unknown = new List<int>();
            var hasHealthiest = false;
            for (var c = 0; c < classNames.Count; c++)
            {
                var index = IndexOf(baseModel.ClassNames, classNames[c]);
                if (index < 0)
                {
                    unknown.Add(c);
                    continue;
                }

                result[c] = known[index];
                hasHealthiest |= known[index] == healthiest;
            }

            if (unknown.Count == 0)
            {
                return result;
            }

            if (hasHealthiest)
            {
                var worst = Math.Max(healthiest + 1, known.Max());
                foreach (var c in unknown)
                {
                    result[c] = worst;
                }

                return result;
            }
        }

        // Without a base model: what manifests before version 3 meant by the standard class names.
        var probe = new ModelManifest
        {
            Architecture = string.Empty,
            ClassNames = classNames,
            WindowSize = 1,
            WindowStride = 1,
            UmPerPixel = 1,
            Normalization = new InputNormalization(),
        };
        if (probe.ImageAggregationRule().Rule == AggregationRule.WorstWindowHierarchy)
        {
            return probe.Severities().ToArray();
        }

        throw new ArgumentException(
            $"which of the classes {string.Join(", ", classNames)} is healthy and which are worse is not known: "
            + "give --severities, e.g. --severities " + string.Join(',', classNames.Select((n, i) => $"{n}={i}")) + " (0 healthy, higher worse)");
    }

    private static int[] Parse(string text, IReadOnlyList<string> classNames)
    {
        var result = Enumerable.Repeat(-1, classNames.Count).ToArray();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? part[..eq].Trim() : string.Empty;
            var index = IndexOf(classNames, name);
            if (eq <= 0 || index < 0 || !int.TryParse(part[(eq + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var level) || level < 0)
            {
                throw new ArgumentException($"--severities: \"{part}\" is not class=level with a class of {string.Join(", ", classNames)} and a level of 0 or more");
            }

            result[index] = level;
        }

        var missing = classNames.Where((_, i) => result[i] < 0).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"--severities gives no level for {string.Join(", ", missing)}");
        }

        return result;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
