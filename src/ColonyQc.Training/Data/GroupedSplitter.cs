using Microsoft.ML;

namespace ColonyQc.Training.Data;

/// <summary>
/// Splits images into train, validation and test parts by group with ML.NET's
/// <c>TrainTestSplit</c> (its sampling key is the group), so all images of one group (well, plate,
/// colony) land on the same side. Stratified: groups are split separately per their majority class,
/// so each part keeps roughly the class mix.
/// </summary>
public static class GroupedSplitter
{
    // When hashing puts every group of a small set on one side, later seeds are tried; a set with
    // a single group cannot be split at all and goes wholly to training.
    private const int MaxSeedAttempts = 64;

    /// <summary>
    /// Splits images with the given <paramref name="groups"/> and <paramref name="labels"/>.
    /// Fractions are shares of images; the result depends only on the inputs and <paramref name="seed"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length or the fractions leave nothing to train on.</exception>
    public static DataSplit Split(IReadOnlyList<string> groups, IReadOnlyList<int> labels, double validationFraction, double testFraction, int seed)
    {
        if (groups.Count != labels.Count)
        {
            throw new ArgumentException($"{groups.Count} groups for {labels.Count} labels", nameof(labels));
        }

        if (validationFraction < 0 || testFraction < 0 || validationFraction + testFraction >= 1)
        {
            throw new ArgumentException($"validation {validationFraction} + test {testFraction} must be below 1 and neither negative", nameof(validationFraction));
        }

        var stratumOfGroup = MajorityLabel(groups, labels);
        var all = Enumerable.Range(0, groups.Count).ToList();
        var (rest, test) = SplitStratified(all, groups, stratumOfGroup, testFraction, seed);
        var validationShare = validationFraction / (1 - testFraction);
        var (train, validation) = SplitStratified(rest, groups, stratumOfGroup, validationShare, seed + 7919);
        return new DataSplit(train, validation, test);
    }

    private static (List<int> Keep, List<int> Held) SplitStratified(List<int> indices, IReadOnlyList<string> groups, Dictionary<string, int> stratumOfGroup, double fraction, int seed)
    {
        if (fraction <= 0 || indices.Count == 0)
        {
            return (indices, []);
        }

        var distinctGroups = indices.Select(i => groups[i]).Distinct(StringComparer.Ordinal).Count();
        if (distinctGroups < 2)
        {
            return (indices, []);
        }

        for (var attempt = 0; attempt < MaxSeedAttempts; attempt++)
        {
            var held = new HashSet<int>();
            foreach (var stratum in indices.GroupBy(i => stratumOfGroup[groups[i]]).OrderBy(s => s.Key))
            {
                foreach (var i in HeldOut(stratum.ToList(), groups, fraction, seed + (attempt * 104729)))
                {
                    held.Add(i);
                }
            }

            if (held.Count > 0 && held.Count < indices.Count)
            {
                return (indices.Where(i => !held.Contains(i)).ToList(), indices.Where(held.Contains).ToList());
            }
        }

        return (indices, []);
    }

    private static List<int> HeldOut(List<int> indices, IReadOnlyList<string> groups, double fraction, int seed)
    {
        var ml = new MLContext(seed);
        var rows = indices.Select(i => new Row { Index = i, Group = groups[i] }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var split = ml.Data.TrainTestSplit(data, fraction, samplingKeyColumnName: nameof(Row.Group), seed: seed);
        return ml.Data.CreateEnumerable<Row>(split.TestSet, reuseRowObject: false).Select(r => r.Index).ToList();
    }

    private static Dictionary<string, int> MajorityLabel(IReadOnlyList<string> groups, IReadOnlyList<int> labels)
    {
        var counts = new Dictionary<string, Dictionary<int, int>>(StringComparer.Ordinal);
        for (var i = 0; i < groups.Count; i++)
        {
            if (!counts.TryGetValue(groups[i], out var perLabel))
            {
                counts[groups[i]] = perLabel = [];
            }

            perLabel[labels[i]] = perLabel.GetValueOrDefault(labels[i]) + 1;
        }

        return counts.ToDictionary(
            kv => kv.Key,
            kv => kv.Value.OrderByDescending(p => p.Value).ThenBy(p => p.Key).First().Key,
            StringComparer.Ordinal);
    }

    private sealed class Row
    {
        public int Index { get; set; }

        public string Group { get; set; } = string.Empty;
    }
}
