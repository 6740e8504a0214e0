using System.Diagnostics;
using System.Globalization;
using ColonyQc.Training.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace ColonyQc.TrainBench;

/// <summary>
/// Training steps per second of ColonyNet in TorchSharp: random windows in [0,1] and random labels
/// (the data pipeline is not what is measured), forward, cross-entropy, backward,
/// AdamW step, each step in its own dispose scope. The same loop as bench/pytorch/train_bench.py.
/// </summary>
public static class TrainingThroughput
{
    /// <summary>Runs <paramref name="warmup"/> untimed and <paramref name="steps"/> timed steps; returns one JSON line.</summary>
    public static string Run(int threads, int batchSize, int steps, int warmup)
    {
        torch.set_num_threads(threads);
        torch.random.manual_seed(1);
        var config = ColonyNetConfig.Default;
        using var net = ColonyNet.Create(config);
        net.train();
        using var optimizer = optim.AdamW(net.parameters(), lr: 1e-3, weight_decay: 1e-4);
        using var loss = nn.CrossEntropyLoss();
        using var inputs = rand(batchSize, 1, config.WindowSize, config.WindowSize);
        using var labels = randint(0, config.ClassCount, [batchSize], dtype: ScalarType.Int64);

        void Step()
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var output = loss.call(net.call(inputs), labels);
            output.backward();
            optimizer.step();
        }

        for (var i = 0; i < warmup; i++)
        {
            Step();
        }

        var times = new double[steps];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < steps; i++)
        {
            var start = Stopwatch.GetTimestamp();
            Step();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        clock.Stop();
        Array.Sort(times);
        var median = steps % 2 == 1 ? times[steps / 2] : (times[(steps / 2) - 1] + times[steps / 2]) / 2;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"contender\":\"torchsharp-train\",\"threads\":{threads},\"batch_size\":{batchSize},\"steps\":{steps},\"seconds\":{clock.Elapsed.TotalSeconds:0.####},\"images_per_second\":{batchSize * steps / clock.Elapsed.TotalSeconds:0.##},\"median_ms_per_step\":{median:0.##},\"min_max_ms_per_step\":[{times[0]:0.##},{times[^1]:0.##}],\"note\":\"TorchSharp {typeof(torch).Assembly.GetName().Version}, {config.Architecture}, {config.WindowSize}px\"}}");
    }
}
