namespace ColonyQc.Training.Data;

/// <summary>
/// The training label of one window. With colony annotations a window takes the worst class of the
/// colonies that cover enough of it (abnormal over differentiating over good, the image rule);
/// a window touching no colony is background: "good" in a good image (nothing wrong there, and a
/// "good" vote never raises the worst-colony result), excluded in other images (their background may
/// hold the debris or contamination that made them abnormal). Windows that only graze a colony are
/// excluded: their label would be a guess. Without annotations every window takes the image label
/// (multiple-instance noise: a good colony in an abnormal field is taught as abnormal).
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
    private readonly int _good;

    /// <summary>Creates a labeler for <paramref name="classNames"/>; the standard three classes get the worst-colony order, others rank by overlap.</summary>
    public WindowLabeler(IReadOnlyList<string> classNames)
    {
        _severity = new int[classNames.Count];
        _good = -1;
        for (var i = 0; i < classNames.Count; i++)
        {
            var standard = IndexOf(LabelledImageSet.StandardClasses, classNames[i]);
            _severity[i] = standard;
            if (standard == 0)
            {
                _good = i;
            }
        }
    }

    /// <summary>Label of the window at (<paramref name="x"/>, <paramref name="y"/>) of side <paramref name="size"/> in <paramref name="image"/>, or <see cref="Ignore"/>.</summary>
    public int Label(CanonicalImage image, double x, double y, double size)
    {
        if (image.Colonies is null)
        {
            return image.Label;
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

            // Standard classes: the worst class wins; others: the colony covering most of the window.
            var rank = _severity[colony.Label] >= 0 ? (_severity[colony.Label] * 10.0) + (overlap / area) : overlap / area;
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

        if (touched / area < MaxBackgroundCoverage && _good >= 0 && image.Label == _good)
        {
            return _good;
        }

        return Ignore;
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
