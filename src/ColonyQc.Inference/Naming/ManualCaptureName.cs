using System.Globalization;
using System.Text.RegularExpressions;

namespace ColonyQc.Inference.Naming;

/// <summary>
/// The name an EVOS M5000 gives a manual capture: <c>Name_0001.tif</c>, or with the light channel,
/// <c>Name_0001_TRANS.tif</c>.
/// </summary>
/// <param name="Name">The capture name the user typed (may contain underscores).</param>
/// <param name="Index">The running capture number.</param>
/// <param name="Channel">The channel suffix (e.g. <c>TRANS</c>), or null when the name has none.</param>
public sealed partial record ManualCaptureName(string Name, int Index, string? Channel)
{
    /// <summary>The channel suffix of transmitted-light (bright-field / phase-contrast) captures.</summary>
    public const string TransmittedChannel = "TRANS";

    /// <summary>Digits the index is written with (EVOS writes 4); kept so <see cref="Format"/> gives back the parsed name.</summary>
    public int IndexDigits { get; init; } = 4;

    /// <summary>File extension including the dot (default <c>.tif</c>), as parsed.</summary>
    public string Extension { get; init; } = ".tif";

    /// <summary>
    /// Parses a manual-capture file name (a bare name or a path: only the last segment counts).
    /// EVOS plate-scan names are not manual captures: try <see cref="EvosFileName.TryParse"/> first.
    /// </summary>
    public static bool TryParse(string fileNameOrPath, out ManualCaptureName? name)
    {
        name = null;
        if (string.IsNullOrEmpty(fileNameOrPath))
        {
            return false;
        }

        var match = Pattern().Match(Path.GetFileName(fileNameOrPath));
        if (!match.Success || !int.TryParse(match.Groups["index"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return false;
        }

        var channel = match.Groups["channel"];
        name = new ManualCaptureName(match.Groups["name"].Value, index, channel.Success ? channel.Value : null)
        {
            IndexDigits = match.Groups["index"].Value.Length,
            Extension = match.Groups["ext"].Value,
        };
        return true;
    }

    /// <summary>The file name the microscope would write, e.g. <c>Name_0001_TRANS.tif</c>.</summary>
    public string Format()
    {
        var c = CultureInfo.InvariantCulture;
        var index = Index.ToString("D" + Math.Max(IndexDigits, 1).ToString(c), c);
        return Channel is null ? $"{Name}_{index}{Extension}" : $"{Name}_{index}_{Channel}{Extension}";
    }

    /// <inheritdoc cref="Format"/>
    public override string ToString() => Format();

    // Greedy name: "exp_001_0001.tif" is capture 1 of "exp_001". A channel starts with a letter so a
    // trailing number is never mistaken for one.
    [GeneratedRegex(
        @"^(?<name>.+)_(?<index>\d{3,6})(_(?<channel>[A-Za-z][A-Za-z0-9]*))?(?<ext>\.(?i:tiff?|png|jpe?g|bmp))$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Pattern();
}
