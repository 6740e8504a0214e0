using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ColonyQc.Inference.Naming;

/// <summary>
/// The name an EVOS FL Auto 2 / M7000 plate scan gives each image:
/// <c>&lt;prefix&gt;_&lt;R|D|M&gt;_p&lt;time&gt;_z&lt;slice&gt;_&lt;grid&gt;_&lt;Well&gt;f&lt;field&gt;d&lt;channel&gt;.tif</c>,
/// e.g. <c>scan_R_p00_z00_0_B03f01d0.tif</c>. Reports take plate, well and field from it, and scoring
/// skips the <c>D</c> (displayed) and <c>M</c> (merged) renderings because <c>R</c> (raw) is what to score.
/// </summary>
/// <param name="Prefix">The scan name the user chose (may itself contain underscores); used as the plate.</param>
/// <param name="Kind"><see cref="RawKind"/>, <see cref="DisplayKind"/> or <see cref="MergedKind"/>.</param>
/// <param name="Time">Time point (<c>p</c>), 0 for a single scan.</param>
/// <param name="ZSlice">Focal slice (<c>z</c>).</param>
/// <param name="Grid">Scan grid / region index.</param>
/// <param name="Well">Plate well, upper case, e.g. <c>B03</c>.</param>
/// <param name="Field">Field (tile) within the well (<c>f</c>).</param>
/// <param name="Channel">Light channel (<c>d</c>); 0 is usually transmitted light.</param>
public sealed partial record EvosFileName(string Prefix, char Kind, int Time, int ZSlice, int Grid, string Well, int Field, int Channel)
{
    /// <summary>Raw camera data: the images to score.</summary>
    public const char RawKind = 'R';

    /// <summary>Display rendering (contrast-stretched 8-bit copy of the raw image).</summary>
    public const char DisplayKind = 'D';

    /// <summary>Merged rendering of several channels.</summary>
    public const char MergedKind = 'M';

    /// <summary>The plate (the scan prefix), as reports show it.</summary>
    public string Plate => Prefix;

    /// <summary>True for raw (<c>R</c>) images, the ones scoring uses.</summary>
    public bool IsRaw => Kind == RawKind;

    /// <summary>
    /// Digits the field number is written with (EVOS writes 2, or 3 on scans with 100 or more
    /// fields per well); kept so <see cref="Format"/> gives back the parsed name.
    /// </summary>
    public int FieldDigits { get; init; } = 2;

    /// <summary>File extension including the dot (default <c>.tif</c>), as parsed.</summary>
    public string Extension { get; init; } = ".tif";

    /// <summary>
    /// Parses an EVOS plate-scan file name (a bare name or a path: only the last segment counts).
    /// Returns false, with <paramref name="name"/> null, for any other name.
    /// </summary>
    public static bool TryParse(string fileNameOrPath, out EvosFileName? name)
    {
        name = null;
        if (string.IsNullOrEmpty(fileNameOrPath))
        {
            return false;
        }

        var match = Pattern().Match(Path.GetFileName(fileNameOrPath));
        if (!match.Success)
        {
            return false;
        }

        if (!TryInt(match.Groups["time"].Value, out var time)
            || !TryInt(match.Groups["z"].Value, out var z)
            || !TryInt(match.Groups["grid"].Value, out var grid)
            || !TryInt(match.Groups["field"].Value, out var field)
            || !TryInt(match.Groups["channel"].Value, out var channel))
        {
            return false;
        }

        name = new EvosFileName(
            match.Groups["prefix"].Value,
            match.Groups["kind"].Value[0],
            time,
            z,
            grid,
            match.Groups["well"].Value.ToUpperInvariant(),
            field,
            channel)
        {
            FieldDigits = match.Groups["field"].Value.Length,
            Extension = match.Groups["ext"].Value,
        };
        return true;
    }

    /// <summary>The file name EVOS would write for these parts, e.g. <c>scan_R_p00_z00_0_B03f01d0.tif</c>.</summary>
    public string Format()
    {
        var c = CultureInfo.InvariantCulture;
        var fieldFormat = "D" + Math.Max(FieldDigits, 2).ToString(c);
        var builder = new StringBuilder(Prefix.Length + 32);
        builder.Append(Prefix).Append('_').Append(Kind)
            .Append("_p").Append(Time.ToString("D2", c))
            .Append("_z").Append(ZSlice.ToString("D2", c))
            .Append('_').Append(Grid.ToString(c))
            .Append('_').Append(Well)
            .Append('f').Append(Field.ToString(fieldFormat, c))
            .Append('d').Append(Channel.ToString(c))
            .Append(Extension);
        return builder.ToString();
    }

    /// <inheritdoc cref="Format"/>
    public override string ToString() => Format();

    private static bool TryInt(string digits, out int value) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    // The prefix is greedy so a prefix with underscores ("run_2_R_...") still leaves the fixed tail
    // to the named groups. Well rows go to AF on 1536-well plates, hence one or two letters.
    [GeneratedRegex(
        @"^(?<prefix>.+)_(?<kind>[RDM])_p(?<time>\d{1,4})_z(?<z>\d{1,4})_(?<grid>\d{1,4})_(?<well>[A-Za-z]{1,2}\d{1,2})f(?<field>\d{2,3})d(?<channel>\d{1,2})(?<ext>\.(?i:tiff?|png|jpe?g|bmp))$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Pattern();
}
