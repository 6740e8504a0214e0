namespace ColonyQc.Synthetic;

/// <summary>The lower-case class names used in labels.csv, folder names and model manifests.</summary>
public static class ColonyClassNames
{
    /// <summary>Every class name, in class-index order: good, differentiating, abnormal.</summary>
    public static IReadOnlyList<string> All { get; } = ["good", "differentiating", "abnormal"];

    /// <summary>The lower-case name of <paramref name="colonyClass"/>.</summary>
    public static string Name(this ColonyClass colonyClass) => colonyClass switch
    {
        ColonyClass.Good => "good",
        ColonyClass.Differentiating => "differentiating",
        ColonyClass.Abnormal => "abnormal",
        _ => throw new ArgumentOutOfRangeException(nameof(colonyClass), colonyClass, "not a colony class"),
    };

    /// <summary>Parses a class name (case-insensitive).</summary>
    /// <exception cref="FormatException">The text names no class; the message lists the valid names.</exception>
    public static ColonyClass Parse(string name)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return (ColonyClass)i;
            }
        }

        throw new FormatException($"'{name}' is not a colony class; expected one of: {string.Join(", ", All)}");
    }
}
