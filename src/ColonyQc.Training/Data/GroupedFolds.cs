namespace ColonyQc.Training.Data;

/// <summary>
/// Grouped, stratified k-fold assignment for cross-fitting on small data sets: every image of a group
/// (well, plate) gets the same fold, and the groups of each majority class are dealt to the folds in
/// turn, so every fold keeps about the class mix. Deterministic for a seed; groups are ordered by a
/// hash of their key, never by where the data lives.
/// </summary>
public static class GroupedFolds
{
    /// <summary>The fold (0 to <paramref name="folds"/> - 1) of each image.</summary>
    /// <exception cref="ArgumentException">The lists differ in length, or there are fewer groups than folds.</exception>
    public static int[] Assign(IReadOnlyList<string> groups, IReadOnlyList<int> labels, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(labels);
        if (groups.Count != labels.Count)
        {
            throw new ArgumentException("one group and one label per image are needed");
        }

        var byGroup = Enumerable.Range(0, groups.Count).GroupBy(i => groups[i], StringComparer.Ordinal).ToList();
        if (folds < 2 || byGroup.Count < folds)
        {
            throw new ArgumentException($"{folds} folds need at least {folds} groups (the images form {byGroup.Count})");
        }

        var fold = new int[groups.Count];
        var next = 0;
        foreach (var stratum in byGroup.GroupBy(g => g.GroupBy(i => labels[i]).OrderByDescending(c => c.Count()).ThenBy(c => c.Key).First().Key).OrderBy(s => s.Key))
        {
            foreach (var group in stratum.OrderBy(g => Hash(seed, g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal))
            {
                foreach (var i in group)
                {
                    fold[i] = next;
                }

                next = (next + 1) % folds;
            }
        }

        return fold;
    }

    // FNV-1a over the seed and the key: stable across runs and machines (string.GetHashCode is not).
    private static ulong Hash(int seed, string key)
    {
        var h = 14695981039346656037UL ^ (uint)seed;
        foreach (var ch in key)
        {
            h = (h ^ ch) * 1099511628211UL;
        }

        return h;
    }
}
