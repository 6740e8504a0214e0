using ColonyQc.Training.Network;
using Xunit;
using static TorchSharp.torch;

namespace ColonyQc.Training.Tests.Network;

public sealed class ColonyNetTests
{
    [Fact]
    public void Forward_maps_windows_to_one_logit_per_class()
    {
        random.manual_seed(1);
        using var net = ColonyNet.Create(TestNetworks.Tiny);
        net.eval();
        using var x = rand(3, 1, 64, 64);

        using var logits = net.call(x);

        Assert.Equal([3L, 3L], logits.shape);
        Assert.True(logits.isfinite().all().item<bool>());
    }

    [Fact]
    public void State_dict_names_are_pytorch_like()
    {
        using var net = ColonyNet.Create(TestNetworks.Tiny);
        var names = net.state_dict().Keys.ToHashSet();

        Assert.Contains("stem.weight", names);
        Assert.Contains("stem_bn.running_var", names);
        Assert.Contains("layer1.0.conv1.weight", names);
        Assert.Contains("layer1.0.shortcut_bn.bias", names);
        Assert.Contains("layer3.0.bn2.running_mean", names);
        Assert.Contains("head.weight", names);
        Assert.DoesNotContain(names, n => n.StartsWith('_'));
        Assert.DoesNotContain(names, n => n.StartsWith("norm.", StringComparison.Ordinal));
    }

    [Fact]
    public void Second_blocks_of_a_stage_use_the_identity_shortcut()
    {
        using var net = ColonyNet.Create(TestNetworks.Tiny with { BlocksPerStage = 2 });
        var names = net.state_dict().Keys.ToHashSet();

        Assert.Contains("layer2.0.shortcut.weight", names);
        Assert.Contains("layer2.1.conv2.weight", names);
        Assert.DoesNotContain("layer2.1.shortcut.weight", names);
    }

    [Fact]
    public void Exposure_and_gain_do_not_change_the_output()
    {
        random.manual_seed(2);
        using var net = ColonyNet.Create(TestNetworks.Tiny);
        net.eval();
        var window = TestNetworks.RandomWindows(1, 64, seed: 8).Select(v => (v * 0.3f) + 0.1f).ToArray();
        var brighter = window.Select(v => (v * 2f) + 0.2f).ToArray();

        var a = TestNetworks.Forward(net, window, 1, 64);
        var b = TestNetworks.Forward(net, brighter, 1, 64);

        for (var i = 0; i < a.Length; i++)
        {
            Assert.Equal(a[i], b[i], 1e-3f);
        }
    }

    [Fact]
    public void A_near_constant_window_is_not_blown_up_by_the_instance_norm()
    {
        // Sensor noise of 0.1 grey level on a flat field: std 0.0004, far below sqrt(eps) = 0.01.
        var rng = new Random(3);
        var flat = Enumerable.Range(0, 64 * 64).Select(_ => 0.5f + (float)((rng.NextDouble() - 0.5) * 0.0014)).ToArray();
        using var net = ColonyNet.Create(TestNetworks.Tiny);
        using var x = tensor(flat, [1, 1, 64, 64]);

        using var normalised = net.Norm.call(x);
        var std = normalised.std().item<float>();

        Assert.InRange(std, 0f, 0.05f);
        Assert.True(TestNetworks.Forward(net, flat, 1, 64).All(float.IsFinite));
    }

    [Fact]
    public void ResetClassifier_replaces_only_the_head()
    {
        random.manual_seed(4);
        using var net = ColonyNet.Create(TestNetworks.Tiny);
        var stemBefore = net.state_dict()["stem.weight"].clone();

        net.ResetClassifier(5);
        net.eval();

        Assert.Equal(5, net.Config.ClassCount);
        Assert.Equal([5L, net.FeatureChannels], net.state_dict()["head.weight"].shape);
        Assert.True(net.state_dict()["stem.weight"].eq(stemBefore).all().item<bool>());
        Assert.Single(net.named_children(), c => c.name == "head");
        using var logits = net.call(rand(2, 1, 64, 64));
        Assert.Equal([2L, 5L], logits.shape);
        Assert.Throws<ArgumentOutOfRangeException>(() => net.ResetClassifier(1));
    }

    [Fact]
    public void FreezeBackbone_trains_only_the_head_and_keeps_batch_norm_statistics()
    {
        random.manual_seed(5);
        using var net = ColonyNet.Create(TestNetworks.Tiny);
        net.FreezeBackbone(true);
        net.train();
        var runningMean = net.state_dict()["stem_bn.running_mean"].clone();
        var optimizer = optim.SGD(net.parameters(), learningRate: 0.1);

        using (var scope = NewDisposeScope())
        {
            var loss = nn.functional.cross_entropy(net.call(rand(4, 1, 64, 64)), tensor(new long[] { 0, 1, 2, 0 }));
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }

        foreach (var (name, p) in net.named_parameters())
        {
            Assert.Equal(name.StartsWith("head.", StringComparison.Ordinal), p.requires_grad);
        }

        Assert.True(net.state_dict()["stem_bn.running_mean"].eq(runningMean).all().item<bool>());
        Assert.True(net.BackboneFrozen);

        net.FreezeBackbone(false);
        Assert.All(net.parameters(), p => Assert.True(p.requires_grad));
    }
}
