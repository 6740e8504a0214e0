namespace ColonyQc.Synthetic.Rendering;

/// <summary>Names of the imaging modes on the command line and in data sets.</summary>
public static class ImagingModes
{
    /// <summary>Every mode, in enum order.</summary>
    public static IReadOnlyList<ImagingMode> All { get; } = Enum.GetValues<ImagingMode>();

    /// <summary>The mode's name: phase, brightfield or relief.</summary>
    public static string Name(this ImagingMode mode) => mode switch
    {
        ImagingMode.PhaseContrast => "phase",
        ImagingMode.BrightField => "brightfield",
        ImagingMode.Relief => "relief",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "not an imaging mode"),
    };

    /// <summary>Parses a comma-separated list of mode names (phase, brightfield, relief; "all" for every mode).</summary>
    /// <exception cref="FormatException">A name is not a mode, or the list is empty.</exception>
    public static IReadOnlyList<ImagingMode> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.Equals(text.Trim(), "all", StringComparison.OrdinalIgnoreCase))
        {
            return All;
        }

        var modes = new List<ImagingMode>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var mode = All.FirstOrDefault(m => string.Equals(m.Name(), part, StringComparison.OrdinalIgnoreCase), (ImagingMode)(-1));
            if (mode < 0)
            {
                throw new FormatException($"\"{part}\" is not an imaging mode (phase, brightfield, relief, or all)");
            }

            if (!modes.Contains(mode))
            {
                modes.Add(mode);
            }
        }

        return modes.Count > 0 ? modes : throw new FormatException("no imaging mode given (phase, brightfield, relief, or all)");
    }
}
