using System.Diagnostics;
using System.Globalization;
using System.Text;
using ColonyQc.Training.Network;
using ColonyQc.Training.Onnx;
using ColonyQc.Training.Tests.Onnx;
using Microsoft.ML.OnnxRuntime;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ColonyQc.Training.Tests.Network;

/// <summary>
/// The measurements behind <see cref="ColonyNetConfig.Default"/> (docs/decisions/network-size.md):
/// ONNX Runtime time for all windows of one 2048x1536 field at 0.8625 um/px with 2 threads, and the
/// TorchSharp training step. Run with
/// <c>COLONYQC_MEASURE=1 dotnet test tests/ColonyQc.Training.Tests -c Release --filter NetworkSizeMeasurement --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class NetworkSizeMeasurement(ITestOutputHelper output)
{
    private const int FieldWidth = 2048;
    private const int FieldHeight = 1536;
    private const double FieldUmPerPixel = 0.8625;
    private const int Threads = 2;
    private const int ScoringBatch = 32;
    private const int TrainBatch = 32;

    // Version 1's shipped network (128 px windows, three stages) against the four-stage 512 um windows of
    // version 3; TrainBatch windows of each per step (the step cost per window is what matters).
    private static readonly ColonyNetConfig Version1 = new() { WindowSize = 128, WindowStride = 96, Stages = 3 };

    private static readonly (string Name, ColonyNetConfig Config)[] Candidates =
    [
        ("A: 128 px @ 2.0 um/px (256 um), stride 96, width 16, 3 stages (shipped until v3)", Version1),
        ("F: 256 px @ 2.0 um/px (512 um), stride 224, width 16, 4 stages (v3 default)", ColonyNetConfig.Default),
        ("G: 256 px @ 2.0 um/px (512 um), stride 256, width 16, 4 stages", ColonyNetConfig.Default with { WindowStride = 256 }),
        ("H: 256 px @ 2.0 um/px (512 um), stride 224, width 12, 4 stages", ColonyNetConfig.Default with { Width = 12 }),
        ("I: 128 px @ 4.0 um/px (512 um), stride 112, width 16, stem stride 2, 4 stages", ColonyNetConfig.Default with { WindowSize = 128, WindowStride = 112, UmPerPixel = 4, StemStride = 2 }),
        ("B: 128 px @ 2.0 um/px, width 24, 3 stages", Version1 with { Width = 24 }),
        ("D: 160 px @ 1.6 um/px, width 16, 3 stages", Version1 with { WindowSize = 160, WindowStride = 120, UmPerPixel = 1.6 }),
    ];

    [MeasurementFact]
    public void Measure_inference_per_field_and_training_step()
    {
        set_num_threads(Threads);
        var table = new StringBuilder();
        table.AppendLine("| candidate | params | MMAC/window | windows/field | ORT ms/field: median (min-max) | ORT CPU ms/field | train step ms, batch 32: median (min) | train CPU ms/step |");
        table.AppendLine("|---|---|---|---|---|---|---|---|");
        var dir = Directory.CreateTempSubdirectory("colonyqc-size-");
        try
        {
            // COLONYQC_MEASURE_CANDIDATES=A,D measures only those (letters of the candidate names).
            var only = Environment.GetEnvironmentVariable("COLONYQC_MEASURE_CANDIDATES")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            foreach (var (name, config) in Candidates.Where(c => only is null || only.Contains(c.Name[..1])))
            {
                using var net = TestNetworks.WithTrainedStatistics(config, seed: 1);
                var path = Path.Combine(dir.FullName, "candidate.onnx");
                ColonyNetOnnx.Export(net, ColonyNetOnnx.CreateManifest(net, ["good", "differentiating", "abnormal"]), path);
                var windows = WindowsPerField(config);
                var ort = MeasureOrt(path, config.WindowSize, windows);
                var train = MeasureTrainStep(net, config.WindowSize);
                var parameters = net.parameters().Sum(p => p.numel());
                table.AppendLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {name} | {parameters:N0} | {MultiplyAccumulates(config) / 1e6:F1} | {windows} | {ort.Median:F1} ({ort.Min:F1}-{ort.Max:F1}) | {ort.CpuMedian:F1} | {train.Median:F0} ({train.Min:F0}) | {train.CpuMedian:F0} |"));
                output.WriteLine(table.ToString().Split('\n')[^2]);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }

        output.WriteLine(table.ToString());
        var target = Environment.GetEnvironmentVariable("COLONYQC_MEASURE_OUT");
        if (!string.IsNullOrEmpty(target))
        {
            File.WriteAllText(target, table.ToString());
        }
    }

    /// <summary>Windows covering the canonical plane with edge windows aligned to the border (the WindowLayout rule).</summary>
    private static int WindowsPerField(ColonyNetConfig config)
    {
        var w = (int)Math.Round(FieldWidth * FieldUmPerPixel / config.UmPerPixel);
        var h = (int)Math.Round(FieldHeight * FieldUmPerPixel / config.UmPerPixel);
        int Along(int length) => length <= config.WindowSize ? 1 : (int)Math.Ceiling((length - config.WindowSize) / (double)config.WindowStride) + 1;
        return Along(w) * Along(h);
    }

    /// <summary>Multiply-accumulates of the convolutions and the head for one window (a load-independent cost).</summary>
    private static double MultiplyAccumulates(ColonyNetConfig config)
    {
        double macs = 0;
        var side = ((config.WindowSize + (2 * (config.StemKernel / 2)) - config.StemKernel) / config.StemStride) + 1;
        macs += (double)side * side * config.Width * config.StemKernel * config.StemKernel;
        var channels = config.Width;
        foreach (var width in config.StageWidths)
        {
            for (var b = 0; b < config.BlocksPerStage; b++)
            {
                if (b == 0)
                {
                    side = ((side - 1) / 2) + 1;
                    macs += (double)side * side * width * channels; // 1x1 projection
                }

                macs += (double)side * side * width * channels * 9;
                macs += (double)side * side * width * width * 9;
                channels = width;
            }
        }

        return macs + (channels * config.ClassCount);
    }

    private static Timing Time(Action action, int warmup, int runs)
    {
        for (var i = 0; i < warmup; i++)
        {
            action();
        }

        var wall = new List<double>();
        var cpu = new List<double>();
        using var process = Process.GetCurrentProcess();
        for (var run = 0; run < runs; run++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            action();
            wall.Add(sw.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }

        wall.Sort();
        cpu.Sort();
        return new Timing(wall[wall.Count / 2], wall[0], wall[^1], cpu[cpu.Count / 2]);
    }

    private readonly record struct Timing(double Median, double Min, double Max, double CpuMedian);

    private static Timing MeasureOrt(string path, int window, int windows)
    {
        using var options = new SessionOptions { IntraOpNumThreads = Threads, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        using var session = new InferenceSession(path, options);
        var batches = new List<float[]>();
        for (var done = 0; done < windows; done += ScoringBatch)
        {
            var n = Math.Min(ScoringBatch, windows - done);
            batches.Add(TestNetworks.RandomWindows(n, window, seed: done));
        }

        void Field()
        {
            foreach (var batch in batches)
            {
                OrtRunner.Run(session, batch, batch.Length / (window * window), window);
            }
        }

        return Time(Field, warmup: 3, runs: 21);
    }

    private static Timing MeasureTrainStep(ColonyNet net, int window)
    {
        net.train();
        var optimizer = optim.AdamW(net.parameters(), lr: 1e-3);
        using var x = rand(TrainBatch, 1, window, window);
        using var y = randint(0, 3, [TrainBatch], dtype: ScalarType.Int64);
        void Step()
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(net.call(x), y);
            loss.backward();
            optimizer.step();
        }

        return Time(Step, warmup: 2, runs: 11);
    }
}
