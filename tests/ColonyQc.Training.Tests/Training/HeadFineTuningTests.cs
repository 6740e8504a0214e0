using ColonyQc.Inference.Imaging.Encoding;
using ColonyQc.Training.Calibration;
using ColonyQc.Training.Data;
using ColonyQc.Training.Evaluation;
using ColonyQc.Training.Network;
using ColonyQc.Training.Onnx;
using ColonyQc.Training.Training;
using Xunit;

namespace ColonyQc.Training.Tests.Training;

/// <summary>
/// Fine-tuning for few labels: a head on the ImageNet ResNet-18 trunk, trained on cached features and
/// cross-fitted, end to end on small images; the warnings small data must give; and a model that does not
/// depend on where its data lives.
/// </summary>
public sealed class HeadFineTuningTests : IDisposable
{
    private readonly TestImages _images = new();

    [Fact]
    public void A_tiny_fine_tune_from_the_pretrained_trunk_learns_two_textures_and_its_exported_head_matches()
    {
        // 512x512 px at 1 um/px: one 128 px window at the trunk's 4 um/px. Fine grain against coarse mottle.
        var data = Path.Combine(_images.Root, "pretrained");
        for (var i = 0; i < 8; i++)
        {
            Write(Path.Combine(data, "good", $"g{i}.tif"), coarse: false, seed: i);
            Write(Path.Combine(data, "bad", $"b{i}.tif"), coarse: true, seed: 100 + i);
        }

        var result = new ColonyTrainer().Train(new TrainingOptions
        {
            DataPath = data,
            RunDirectory = Path.Combine(_images.Root, "run"),
            Backbone = Backbone.ResNet18,
            Scale = new ScaleOptions { UmPerPixel = 1 },
            Severities = "good=0,bad=1",
            FeatureViews = 3,
            HeadEpochs = 60,
            Threads = 2,
            Seed = 4,
        });

        var manifest = result.Manifest!;
        Assert.StartsWith("ImageNetResNet18;stages=4;classes=2", manifest.Architecture, StringComparison.Ordinal);
        Assert.Equal("features", manifest.FeaturesOutputName);
        Assert.Equal(4.0, manifest.UmPerPixel);
        Assert.True(File.Exists(Path.Combine(result.RunDirectory, RunFolder.WarningsFile)));
        Assert.True(result.Validation!.MacroF1 >= 0.85, $"out-of-fold macro-F1 {result.Validation.MacroF1}");

        // Fresh images of each texture, scored by the exported graph in ONNX Runtime.
        using var scorer = OnnxModelScorer.Load(result.ModelPath!);
        var bad = scorer.Manifest.ClassNames.ToList().IndexOf("bad");
        var right = 0;
        for (var i = 0; i < 6; i++)
        {
            var coarse = i % 2 == 0;
            var path = Write(Path.Combine(_images.Root, "fresh", $"f{i}.tif"), coarse, seed: 500 + i);
            var (pixels, width, height, _) = CanonicalImageLoader.Decode(path, manifest.UmPerPixel, 1, ScaleOptions.Default);
            var score = scorer.Score(new CanonicalImage(new LabelledImage(path, 0, "g"), width, height, pixels, null, string.Empty));
            right += (Inference.Scoring.WindowAggregator.ArgMax(score.Probabilities.ToArray()) == bad) == coarse ? 1 : 0;
        }

        Assert.True(right >= 5, $"{right} of 6 fresh images right");

        // Fine-tuning the result again (its head, on its own features output) keeps the trunk byte for byte.
        var again = new ColonyTrainer().Train(new TrainingOptions
        {
            DataPath = data,
            RunDirectory = Path.Combine(_images.Root, "run2"),
            FromModel = result.ModelPath,
            Scale = new ScaleOptions { UmPerPixel = 1 },
            FeatureViews = 2,
            HeadEpochs = 10,
            Threads = 2,
        });
        Assert.Equal(Trunk(result.ModelPath!), Trunk(again.ModelPath!));
    }

    [Fact]
    public void The_grey_trunk_gives_the_package_graph_s_features_for_the_same_window()
    {
        const int Side = 224;
        var source = ImageNetResNet18.LocatePackagedFile();
        var manifest = new Inference.Model.ModelManifest
        {
            Architecture = ImageNetResNet18.Architecture(4, 2),
            ClassNames = ["a", "b"],
            WindowSize = Side,
            WindowStride = Side,
            UmPerPixel = 4,
            Normalization = new Inference.Model.InputNormalization(),
        };

        // At the package's own 224 px its last AveragePool (7x7) is exactly our GlobalAveragePool.
        var model = ImageNetResNet18.Build(source, 4, Side, new float[2 * 512], new float[2], manifest);
        var window = new float[Side * Side];
        var random = new Random(2);
        for (var i = 0; i < window.Length; i++)
        {
            window[i] = (float)(0.5 + (0.1 * Math.Sin(i * 0.01)) + (0.05 * random.NextDouble()));
        }

        var ours = RunOutput(Google.Protobuf.MessageExtensions.ToByteArray(model), window, [1, 1, Side, Side], "features");

        // The package graph on the same window, standardised and scaled as ours does, in all three channels.
        var mean = window.Average();
        var std = Math.Sqrt(window.Select(v => (v - mean) * (v - mean)).Average() + 1e-4);
        var rgb = new float[3 * window.Length];
        for (var c = 0; c < 3; c++)
        {
            for (var i = 0; i < window.Length; i++)
            {
                rgb[(c * window.Length) + i] = (float)((window[i] - mean) / std * 58.0);
            }
        }

        var theirs = RunOutput(File.ReadAllBytes(source), rgb, [1, 3, Side, Side], null);
        Assert.Equal(512, ours.Length);
        for (var k = 0; k < ours.Length; k++)
        {
            Assert.True(Math.Abs(ours[k] - theirs[k]) <= 1e-3 + (1e-3 * Math.Abs(theirs[k])), $"feature {k}: {ours[k]} against {theirs[k]}");
        }
    }

    [Fact]
    public void Small_data_and_degenerate_calibration_are_warned_about()
    {
        var classes = new[] { "good", "bad", "ugly" };
        var sets = new List<WindowLogitSet> { new([0f, 1f, 0f], [true], 0), new([1f, 0f, 0f], [true], 1) };
        var warnings = SmallDataWarnings.For(sets, classes, 1.0, crossFitted: false);
        Assert.Contains(warnings, w => w.Contains("class ugly is missing", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("only 1 images of class good", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("2 images (fewer than 30)", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("review threshold is 1", StringComparison.Ordinal));
        Assert.Empty(SmallDataWarnings.For(Enumerable.Range(0, 45).Select(i => new WindowLogitSet([0f, 0f, 0f], [true], i % 3)).ToList(), classes, 0.6, crossFitted: false));
    }

    [Fact]
    public void Moving_the_data_folder_leaves_the_model_bit_identical()
    {
        TinyTrainingData.Write(_images, Path.Combine("here", "data"), perClass: 6);
        CopyDirectory(Path.Combine(_images.Root, "here"), Path.Combine(_images.Root, "elsewhere", "deeper"));
        TrainingOptions Options(string root, string run) => new()
        {
            DataPath = Path.Combine(root, "data"),
            RunDirectory = Path.Combine(_images.Root, run),
            Network = new NetworkOverrides { WindowSize = 64, WindowStride = 48, UmPerPixel = 2, Width = 4, Stages = 3 },
            Epochs = 2,
            BatchSize = 4,
            Threads = 1,
            Seed = 9,
            ValidationFraction = 0.3,
        };

        var a = new ColonyTrainer().Train(Options(Path.Combine(_images.Root, "here"), "run-a"));
        var b = new ColonyTrainer().Train(Options(Path.Combine(_images.Root, "elsewhere", "deeper"), "run-b"));
        Assert.Equal(a.Manifest!.Provenance!.DataManifestSha256, b.Manifest!.Provenance!.DataManifestSha256);
        Assert.Equal(ManifestStamp.GraphBytes(a.ModelPath!), ManifestStamp.GraphBytes(b.ModelPath!));
    }

    [Fact]
    public void Grouped_folds_keep_groups_together_and_do_not_depend_on_the_group_spelling_order()
    {
        var groups = Enumerable.Range(0, 30).Select(i => $"w{i / 3}").ToList();
        var labels = Enumerable.Range(0, 30).Select(i => (i / 3) % 3).ToList();
        var folds = GroupedFolds.Assign(groups, labels, 5, 1);
        foreach (var g in groups.Distinct())
        {
            Assert.Single(folds.Where((_, i) => groups[i] == g).Distinct());
        }

        Assert.Equal(5, folds.Distinct().Count());
        var reversed = GroupedFolds.Assign(groups.AsEnumerable().Reverse().ToList(), labels.AsEnumerable().Reverse().ToList(), 5, 1);
        Assert.Equal(folds, reversed.Reverse());
        Assert.Throws<ArgumentException>(() => GroupedFolds.Assign(["a", "a"], [0, 1], 2, 1));
    }

    public void Dispose() => _images.Dispose();

    // The first input and the named (or first) output of a graph in ONNX Runtime.
    private static float[] RunOutput(byte[] model, float[] input, long[] shape, string? output)
    {
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(model);
        using var value = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(input, shape);
        using var run = new Microsoft.ML.OnnxRuntime.RunOptions();
        using var outputs = session.Run(run, [session.InputNames[0]], [value], [output ?? session.OutputNames[0]]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private static byte[] Trunk(string path)
    {
        var model = OnnxModelReader.Read(path);
        return model.Graph.Initializer.Where(i => !i.Name.StartsWith("head.", StringComparison.Ordinal)).SelectMany(i => i.RawData.ToByteArray()).ToArray();
    }

    private string Write(string path, bool coarse, int seed)
    {
        const int Side = 512;
        var random = new Random(seed);
        var pixels = new byte[Side * Side];
        var blocks = Enumerable.Range(0, (Side / 16) * (Side / 16)).Select(_ => random.Next(-40, 41)).ToArray();
        for (var y = 0; y < Side; y++)
        {
            for (var x = 0; x < Side; x++)
            {
                var v = coarse ? 128 + blocks[((y / 16) * (Side / 16)) + (x / 16)] + random.Next(-5, 6) : 128 + random.Next(-30, 31);
                pixels[(y * Side) + x] = (byte)Math.Clamp(v, 0, 255);
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, TiffEncoder.Encode(pixels, Side, Side));
        return path;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
