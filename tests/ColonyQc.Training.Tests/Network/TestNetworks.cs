using ColonyQc.Training.Network;
using static TorchSharp.torch;

namespace ColonyQc.Training.Tests.Network;

/// <summary>Small networks with non-trivial batch-norm statistics and affine weights, as after training.</summary>
internal static class TestNetworks
{
    /// <summary>A tiny configuration that keeps tests fast (64 px windows, width 4).</summary>
    public static ColonyNetConfig Tiny { get; } = new() { WindowSize = 64, WindowStride = 48, Width = 4 };

    public static ColonyNet WithTrainedStatistics(ColonyNetConfig config, int seed)
    {
        random.manual_seed(seed);
        var net = ColonyNet.Create(config);
        using (no_grad())
        {
            foreach (var (name, p) in net.named_parameters())
            {
                if (name.Contains("bn", StringComparison.Ordinal))
                {
                    p.copy_(p + (randn_like(p) * 0.2));
                }
            }
        }

        // A few training-mode passes move the running mean and variance away from 0 and 1.
        net.train();
        using (no_grad())
        {
            for (var i = 0; i < 3; i++)
            {
                using var scope = NewDisposeScope();
                net.call((rand(8, 1, config.WindowSize, config.WindowSize) * 0.5) + 0.2);
            }
        }

        net.eval();
        return net;
    }

    public static float[] Forward(ColonyNet net, float[] input, int count, int window)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return net.call(tensor(input, [count, 1, window, window])).data<float>().ToArray();
    }

    public static float[] RandomWindows(int count, int window, int seed)
    {
        var rng = new Random(seed);
        var values = new float[count * window * window];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)rng.NextDouble();
        }

        return values;
    }
}
