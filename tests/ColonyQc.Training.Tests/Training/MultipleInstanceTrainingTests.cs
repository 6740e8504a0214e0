using ColonyQc.Inference.Imaging.Encoding;
using ColonyQc.Inference.Scoring;
using ColonyQc.Training.Data;
using ColonyQc.Training.Evaluation;
using ColonyQc.Training.Network;
using ColonyQc.Training.Training;
using Xunit;

namespace ColonyQc.Training.Tests.Training;

/// <summary>
/// The multiple-instance objective on a set where it matters: every "abnormal" field holds one abnormal
/// patch among three good ones, and the labels are per image only. A model trained on the aggregate must
/// call fresh abnormal fields abnormal wherever the patch is, and keep their good windows good.
/// </summary>
public sealed class MultipleInstanceTrainingTests : IDisposable
{
    private const int Window = 64;
    private const int Windows = 4;
    private readonly TestImages _images = new();

    [Fact]
    public void A_field_whose_only_abnormal_patch_sits_among_good_ones_is_learned_as_abnormal()
    {
        var data = Path.Combine(_images.Root, "mil");
        for (var i = 0; i < 20; i++)
        {
            Write(Path.Combine(data, "good", $"g{i:D2}.tif"), abnormalAt: -1, seed: i);
            Write(Path.Combine(data, "abnormal", $"a{i:D2}.tif"), abnormalAt: i % Windows, seed: 1000 + i);
        }

        var result = new ColonyTrainer().Train(new TrainingOptions
        {
            DataPath = data,
            RunDirectory = Path.Combine(_images.Root, "run"),
            Network = new NetworkOverrides { WindowSize = Window, WindowStride = Window, UmPerPixel = 2, Width = 4, Stages = 3, StemStride = 2, StemKernel = 5, Dropout = 0 },
            Scale = new ScaleOptions { UmPerPixel = 2 },
            Severities = "good=0,abnormal=1",
            Epochs = 25,
            Patience = 25,
            BatchSize = 8,
            LearningRate = 5e-3,
            Threads = 1,
            Seed = 3,
            ValidationFraction = 0.2,
        });

        using var scorer = OnnxModelScorer.Load(result.ModelPath!);
        var abnormal = scorer.Manifest.ClassNames.ToList().IndexOf("abnormal");
        var aggregator = WindowAggregator.For(scorer.Manifest);
        int abnormalCalled = 0, goodCalled = 0, goodWindowsKept = 0, patchesFound = 0;
        const int Fresh = 12;
        for (var i = 0; i < Fresh; i++)
        {
            var at = (i * 7) % Windows;
            var field = Canonical(Write(Path.Combine(_images.Root, "fresh", $"a{i}.tif"), abnormalAt: at, seed: 5000 + i));
            var logits = scorer.WindowLogits(field);
            var windows = new float[logits.Logits.Length];
            for (var w = 0; w < Windows; w++)
            {
                WindowAggregator.Softmax(logits.Logits.AsSpan(w * 2, 2), scorer.Manifest.Temperature, windows.AsSpan(w * 2, 2));
                if (w == at)
                {
                    patchesFound += windows[(w * 2) + abnormal] > 0.5f ? 1 : 0;
                }
                else
                {
                    goodWindowsKept += windows[(w * 2) + abnormal] < 0.5f ? 1 : 0;
                }
            }

            var image = new float[2];
            aggregator.Aggregate(windows, logits.Voting, image);
            abnormalCalled += WindowAggregator.ArgMax(image) == abnormal ? 1 : 0;

            var good = scorer.Score(Canonical(Write(Path.Combine(_images.Root, "fresh", $"g{i}.tif"), abnormalAt: -1, seed: 6000 + i)));
            goodCalled += WindowAggregator.ArgMax(good.Probabilities.ToArray()) != abnormal ? 1 : 0;
        }

        Assert.True(abnormalCalled >= Fresh - 1, $"{abnormalCalled} of {Fresh} fresh abnormal fields called abnormal");
        Assert.True(goodCalled >= Fresh - 1, $"{goodCalled} of {Fresh} fresh good fields called good");
        Assert.True(patchesFound >= Fresh - 1, $"the abnormal patch is the abnormal window in {patchesFound} of {Fresh} fields");

        // The good windows of abnormal fields were never labelled good, yet stay good: the label went to the patch.
        Assert.True(goodWindowsKept >= 0.9 * Fresh * (Windows - 1), $"{goodWindowsKept} of {Fresh * (Windows - 1)} good windows in abnormal fields kept good");
    }

    public void Dispose() => _images.Dispose();

    // A 256x64 strip of four 64 px windows: fine-grained "good" texture, and at abnormalAt a coarse dark mottle.
    private string Write(string path, int abnormalAt, int seed)
    {
        var random = new Random(seed);
        const int Width = Window * Windows;
        var pixels = new byte[Width * Window];
        var blocks = new int[(Width / 8) * (Window / 8)];
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i] = random.Next(-45, 20);
        }

        for (var y = 0; y < Window; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var value = x / Window == abnormalAt
                    ? 110 + blocks[((y / 8) * (Width / 8)) + (x / 8)] + random.Next(-4, 5)
                    : 128 + random.Next(-25, 26);
                pixels[(y * Width) + x] = (byte)Math.Clamp(value, 0, 255);
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, TiffEncoder.Encode(pixels, Width, Window));
        return path;
    }

    private static CanonicalImage Canonical(string path)
    {
        var (pixels, width, height, _) = CanonicalImageLoader.Decode(path, 2, 2, ScaleOptions.Default);
        return new CanonicalImage(new LabelledImage(path, 0, "g"), width, height, pixels, null, string.Empty);
    }
}
