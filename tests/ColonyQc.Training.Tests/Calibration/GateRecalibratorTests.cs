using ColonyQc.Inference.Model;
using ColonyQc.Training.Calibration;
using ColonyQc.Training.Data;
using ColonyQc.Training.Onnx;
using ColonyQc.Training.Tests.Network;
using ColonyQc.Training.Tests.Training;
using Xunit;

namespace ColonyQc.Training.Tests.Calibration;

public sealed class GateRecalibratorTests : IDisposable
{
    private readonly TestImages _images = new();

    public GateRecalibratorTests()
    {
        TinyTrainingData.Write(_images, "data", perClass: 6);
        TinyTrainingData.Write(_images, "test", perClass: 2);
    }

    public void Dispose() => _images.Dispose();

    private string OldModel()
    {
        using var net = TestNetworks.WithTrainedStatistics(TestNetworks.Tiny, seed: 9);
        var manifest = ColonyNetOnnx.CreateManifest(net, TinyTrainingData.Classes) with
        {
            Temperature = 1.3,
            QualityGate = new QualityGateLimits { MinFocus = 1e-9, MinWindowTexture = 0.5, TextureMeasure = TextureMeasure.Std },
            Metrics = new Dictionary<string, double> { ["test.macroF1"] = 0.123, ["train.bestEpoch"] = 4 },
        };
        var path = Path.Combine(_images.Root, "old.onnx");
        ColonyNetOnnx.Export(net, manifest, path);
        return path;
    }

    private GateRecalibrationOptions Options(string? testData = "test") => new()
    {
        DataPath = Path.Combine(_images.Root, "data"),
        TestDataPath = testData is null ? null : Path.Combine(_images.Root, testData),
        Seed = 5,
        ValidationFraction = 0.25,
    };

    [Fact]
    public void Limits_come_from_the_training_part_for_the_current_measure_and_only_the_manifest_changes()
    {
        var model = OldModel();
        var output = Path.Combine(_images.Root, "new.onnx");

        var result = GateRecalibrator.Recalibrate(model, output, Options());

        // The same split as training (seed, fraction, groups) and the calibrator on its training part.
        var before = result.Before;
        var set = LabelledImageSet.Load(Options().DataPath, new DataLoadOptions { ClassNames = before.ClassNames });
        var loaded = CanonicalImageLoader.Load(set, before.UmPerPixel).Images;
        var split = GroupedSplitter.Split(loaded.Select(i => i.Group).ToList(), loaded.Select(i => i.Label).ToList(), 0.25, 0, 5);
        var expected = QualityGateCalibrator.Calibrate(split.Train.Select(i => loaded[i]).ToList(), before.WindowSize, before.WindowStride, before.QualityGate);

        var after = ManifestStamp.Read(output);
        Assert.Equal(ModelManifest.CurrentFormatVersion, after.FormatVersion);
        Assert.Equal(TextureMeasure.QuadraticDetrendedStd, after.QualityGate.TextureMeasure);
        Assert.Equal(expected.MinWindowTexture, after.QualityGate.MinWindowTexture);
        Assert.Equal(expected.MinFocus, after.QualityGate.MinFocus);
        Assert.Equal(split.Train.Count, result.TrainingImages);
        Assert.Equal(1.3, after.Temperature);
        Assert.Equal(ManifestStamp.GraphBytes(model), ManifestStamp.GraphBytes(output));

        // Figures measured with the old limits are replaced, others kept.
        Assert.Equal(result.Test!.MacroF1, after.Metrics["test.macroF1"]);
        Assert.Equal(result.Validation.MacroF1, after.Metrics["validation.macroF1"]);
        Assert.Equal(4, after.Metrics["train.bestEpoch"]);
    }

    [Fact]
    public void Test_data_never_move_the_limits_and_without_them_stale_test_figures_are_dropped()
    {
        var model = OldModel();
        var withTest = GateRecalibrator.Recalibrate(model, Path.Combine(_images.Root, "a.onnx"), Options("test"));
        var withoutTest = GateRecalibrator.Recalibrate(model, Path.Combine(_images.Root, "b.onnx"), Options(testData: null));

        Assert.Equal(withTest.After.QualityGate, withoutTest.After.QualityGate);
        Assert.Null(withoutTest.Test);
        Assert.DoesNotContain(withoutTest.After.Metrics.Keys, k => k.StartsWith("test.", StringComparison.Ordinal));
    }
}
