using System.Collections.Concurrent;

namespace ColonyQc.Inference.Preprocessing;

/// <summary>
/// Area (box filter) weights along one axis: target pixel <c>o</c> covers the source interval
/// <c>[o*s, (o+1)*s)</c> (s = source pixels per target pixel), clipped to the image, and each
/// source pixel counts with the fraction of it that interval covers, normalised so the weights of
/// one target pixel sum to <see cref="Gain"/>. Computed once per (length, scale, gain) and cached,
/// so steady-state resampling allocates nothing.
/// </summary>
internal sealed class AxisWeights
{
    // Cache bound: a scoring run sees a handful of distinct sizes; the bound only protects a
    // process that resamples endlessly varied sizes (e.g. random-scale augmentation) from growing.
    private const int CacheLimit = 256;

    private static readonly ConcurrentDictionary<(int Length, double Scale, float Gain), AxisWeights> Cache = new();

    private AxisWeights(int sourceLength, double sourcePerTarget, float gain)
    {
        SourceLength = sourceLength;
        Gain = gain;
        TargetLength = TargetLengthFor(sourceLength, sourcePerTarget);
        First = new int[TargetLength];
        Count = new int[TargetLength];

        var coverage = new List<double>[TargetLength];
        for (var o = 0; o < TargetLength; o++)
        {
            var a = o * sourcePerTarget;
            var b = Math.Min((o + 1) * sourcePerTarget, sourceLength);
            var first = Math.Min((int)Math.Floor(a), sourceLength - 1);
            var list = new List<double>();
            var total = 0.0;
            for (var i = first; i < sourceLength && i < b; i++)
            {
                var c = Math.Min(b, i + 1) - Math.Max(a, i);

                // Rounding of o*s can leave a sliver of a neighbour pixel (1e-13 of it): not a tap.
                if (c <= 1e-9)
                {
                    if (list.Count == 0)
                    {
                        first = i + 1;
                    }

                    continue;
                }

                list.Add(c);
                total += c;
            }

            if (list.Count == 0)
            {
                // Only possible when s is tiny and the interval falls inside one pixel's rounding: use it whole.
                first = Math.Clamp((int)Math.Floor(a), 0, sourceLength - 1);
                list.Add(1.0);
                total = 1.0;
            }

            for (var k = 0; k < list.Count; k++)
            {
                list[k] /= total;
            }

            First[o] = first;
            Count[o] = list.Count;
            coverage[o] = list;
        }

        MaxTaps = Count.Max();
        GroupedTaps = (MaxTaps + 3) / 4 * 4;
        Packed = new float[TargetLength * MaxTaps];
        Grouped = new float[TargetLength * GroupedTaps];
        for (var o = 0; o < TargetLength; o++)
        {
            var list = coverage[o];
            for (var k = 0; k < list.Count; k++)
            {
                Packed[(o * MaxTaps) + k] = (float)(list[k] * gain);
                Grouped[(o * GroupedTaps) + k] = (float)(list[k] * gain);
            }
        }

        Paired = new float[TargetLength / 8 * 8 * GroupedTaps];
        for (var o = 0; o < Paired.Length / GroupedTaps; o++)
        {
            var block = o / 8 * 8;
            var k = (o - block) % 4;
            var half = (o - block) / 4;
            for (var g = 0; g < GroupedTaps; g += 4)
            {
                Grouped.AsSpan((o * GroupedTaps) + g, 4).CopyTo(Paired.AsSpan((block * GroupedTaps) + (g * 8) + (k * 8) + (half * 4), 4));
            }
        }
    }

    /// <summary>Source pixels along the axis.</summary>
    public int SourceLength { get; }

    /// <summary>Target pixels along the axis.</summary>
    public int TargetLength { get; }

    /// <summary>What the weights of one target pixel sum to (1, or 1/full-scale when normalisation is folded in).</summary>
    public float Gain { get; }

    /// <summary>The largest number of source pixels any target pixel covers.</summary>
    public int MaxTaps { get; }

    /// <summary>First source pixel of each target pixel.</summary>
    public int[] First { get; }

    /// <summary>Source pixels each target pixel covers.</summary>
    public int[] Count { get; }

    /// <summary>Weights, target-major: <c>Packed[o*MaxTaps + k]</c> for source pixel <c>First[o]+k</c>, k &lt; Count[o].</summary>
    public float[] Packed { get; }

    /// <summary>
    /// <see cref="MaxTaps"/> rounded up to a multiple of 4: the horizontal pass reads this many
    /// source pixels from <see cref="First"/> for every target (zero weights beyond the footprint),
    /// so a row buffer needs that many readable (zeroed) floats past its end.
    /// </summary>
    public int GroupedTaps { get; }

    /// <summary>Weights for the horizontal pass, target-major: <c>Grouped[o*GroupedTaps + k]</c>, zero for k &gt;= Count[o].</summary>
    public float[] Grouped { get; }

    /// <summary>
    /// The <see cref="Grouped"/> weights rearranged for 8 targets per 256-bit step: for the block of
    /// targets b..b+7 (b a multiple of 8, whole blocks only) and tap group g, four vectors of 8 floats,
    /// vector k holding target b+k's 4 weights of the group, then target b+4+k's:
    /// <c>Paired[b*GroupedTaps + 8g + 8k + 4h + j] = Grouped[(b + k + 4h)*GroupedTaps + g + j]</c>.
    /// </summary>
    public float[] Paired { get; }

    /// <summary>Target length for a source length and scale: the nearest whole number, at least 1.</summary>
    public static int TargetLengthFor(int sourceLength, double sourcePerTarget) =>
        Math.Max(1, (int)Math.Round(sourceLength / sourcePerTarget, MidpointRounding.AwayFromZero));

    /// <summary>The cached weights for an axis.</summary>
    public static AxisWeights For(int sourceLength, double sourcePerTarget, float gain)
    {
        var key = (sourceLength, sourcePerTarget, gain);
        if (Cache.TryGetValue(key, out var weights))
        {
            return weights;
        }

        if (Cache.Count >= CacheLimit)
        {
            Cache.Clear();
        }

        return Cache.GetOrAdd(key, k => new AxisWeights(k.Length, k.Scale, k.Gain));
    }
}
