using static TorchSharp.torch;

namespace ColonyQc.Training.Training;

/// <summary>
/// Cross-entropy with label smoothing and ignored rows (TorchSharp's CrossEntropyLoss has no
/// smoothing): loss = -(1 - e) log p[y] - (e / C) sum log p, averaged over rows whose label is not
/// <see cref="Data.WindowLabeler.Ignore"/>.
/// </summary>
internal static class SmoothedCrossEntropy
{
    /// <summary>The mean loss over counted rows of <paramref name="logits"/> (N x C) for <paramref name="labels"/> (N, -1 = ignore).</summary>
    public static Tensor Loss(Tensor logits, long[] labels, double smoothing)
    {
        var counted = labels.Count(l => l >= 0);
        var safe = labels.Select(l => Math.Max(0L, l)).ToArray();
        var mask = labels.Select(l => l >= 0 ? 1f : 0f).ToArray();
        using var target = tensor(safe).unsqueeze(1);
        using var weight = tensor(mask);
        using var logp = nn.functional.log_softmax(logits, 1);
        using var picked = logp.gather(1, target).squeeze(1);
        using var uniform = logp.mean([1L]);
        using var perRow = (picked * (1 - smoothing)) + (uniform * smoothing);
        using var weighted = perRow * weight;
        return weighted.sum().neg() / Math.Max(1, counted);
    }
}
