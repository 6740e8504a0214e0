namespace ColonyQc.Training.Data;

/// <summary>
/// The training label of one window where colony annotations exist. A window takes the most severe
/// class of the colonies that cover enough of it (the image rule, by the model's class severities);
/// a window touching no colony is background: the image's own class when that is a healthiest class
/// (nothing wrong there, and a healthy vote never raises the worst-colony result), excluded in other
/// images (their background may hold the debris or contamination that made them abnormal). Windows
/// that only graze a colony are excluded: their label would be a guess. Without annotations there is
/// no window label: the multiple-instance loss learns from the image label alone.
/// </summary>
public sealed class WindowLabeler
{
    /// <summary>The label meaning "leave this window out of the loss".</summary>
    public const int Ignore = -1;

    // A colony covering this share of the window, or having this share of itself inside it, labels it.
    private const double MinWindowCoverage = 0.15;
    private const double MinColonyInside = 0.5;

    // Less than this share of the window touched by any colony: background.
    private const double MaxBackgroundCoverage = 0.01;

    private readonly int[] _severity;
    private readonly int _healthiest;

    /// <summary>Creates a labeler for classes of the given severities (0 healthy, higher worse).</summary>
    public WindowLabeler(IReadOnlyList<int> severities)
    {
        ArgumentNullException.ThrowIfNull(severities);
        _severity = severities.ToArray();
        _healthiest = _severity.Min();
    }

    /// <summary>Label of the window at (<paramref name="x"/>, <paramref name="y"/>) of side <paramref name="size"/> in <paramref name="image"/>, or <see cref="Ignore"/>.</summary>
    public int Label(CanonicalImage image, double x, double y, double size)
    {
        if (image.Colonies is null)
        {
            return Ignore;
        }

        var area = size * size;
        double touched = 0;
        var best = Ignore;
        var bestRank = double.NegativeInfinity;
        foreach (var colony in image.Colonies)
        {
            var overlap = colony.OverlapArea(x, y, size);
            if (overlap <= 0)
            {
                continue;
            }

            touched += overlap;
            var inside = overlap / (colony.Width * colony.Height);
            if (overlap / area < MinWindowCoverage && inside < MinColonyInside)
            {
                continue;
            }

            // The most severe class wins; among equals, the colony covering most of the window.
            var rank = (_severity[colony.Label] * 10.0) + (overlap / area);
            if (rank > bestRank)
            {
                bestRank = rank;
                best = colony.Label;
            }
        }

        if (best != Ignore)
        {
            return best;
        }

        if (touched / area < MaxBackgroundCoverage && _severity[image.Label] == _healthiest)
        {
            return image.Label;
        }

        return Ignore;
    }
}
