using System.Globalization;

namespace ColonyQc.Cli.Reports;

/// <summary>
/// One colour per class, the same in badges, bars and heatmaps of the HTML report, chosen from each class's
/// severity in the model's manifest (never from its name): severity 0 (a healthy culture) is green, the
/// highest severity red, and those between run from amber towards red. A model whose classes are all of one
/// severity (an unordered class set) gets distinct neutral hues instead, so its classes still differ.
/// </summary>
internal sealed class ClassPalette
{
    private const string Healthy = "#2e9d4f";
    private const string Worst = "#d23a2f";
    private const string Unknown = "#6b7280";
    private static readonly string[] Neutral = ["#4a78c2", "#8e5cc2", "#2a9d9d", "#c25c8e", "#7a8c2a", "#c2884a"];

    private readonly IReadOnlyList<string> _names;
    private readonly string[] _colours;

    public ClassPalette(IReadOnlyList<string> classNames, IReadOnlyList<int> severities)
    {
        if (classNames.Count != severities.Count)
        {
            throw new ArgumentException($"{classNames.Count} classes but {severities.Count} severities");
        }

        _names = classNames;
        var worst = severities.Count == 0 ? 0 : severities.Max();
        _colours = [.. severities.Select((s, i) => worst == 0 ? Neutral[i % Neutral.Length] : s <= 0 ? Healthy : s >= worst ? Worst : Between(s / (double)worst))];
    }

    /// <summary>The colour (CSS hex) of the class at <paramref name="index"/> in the model's order.</summary>
    public string At(int index) => index >= 0 && index < _colours.Length ? _colours[index] : Unknown;

    /// <summary>The colour of the class named <paramref name="className"/> (a row's label); grey when the model has no such class.</summary>
    public string Of(string? className)
    {
        for (var i = 0; i < _names.Count; i++)
        {
            if (string.Equals(_names[i], className, StringComparison.Ordinal))
            {
                return _colours[i];
            }
        }

        return Unknown;
    }

    // Amber (#e0a21b) at the lowest non-zero severity fraction, shading to red as severity rises; with three
    // classes of severity 0, 1, 2 the middle one is exactly amber.
    private static string Between(double fraction)
    {
        var t = Math.Clamp((fraction - 0.5) * 2, 0, 1);
        int Mix(int from, int to) => (int)Math.Round(from + ((to - from) * t));
        return string.Create(CultureInfo.InvariantCulture, $"#{Mix(0xe0, 0xd2):x2}{Mix(0xa2, 0x3a):x2}{Mix(0x1b, 0x2f):x2}");
    }
}
