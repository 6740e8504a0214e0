using ColonyQc.Build;
using Xunit;
using static TorchSharp.torch;

namespace ColonyQc.Training.Tests.Native;

/// <summary>TorchSharp loads from this test's output folder, which the build's native fix patched when the host needed it.</summary>
public sealed class TorchSharpNativeFixTests
{
    private const string Needed = "GLIBCXX_3.4.32";
    private const string HostLibStdCxx = "/usr/lib/x86_64-linux-gnu/libstdc++.so.6";

    [Fact]
    public void TorchSharp_initialises_and_runs_a_forward_and_backward_step()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(7);
        var layer = nn.Linear(8, 3);
        var optimizer = optim.SGD(layer.parameters(), learningRate: 0.1);
        var x = randn(16, 8);
        var target = randint(0, 3, [16], dtype: ScalarType.Int64);

        var before = nn.functional.cross_entropy(layer.call(x), target);
        optimizer.zero_grad();
        before.backward();
        var gradient = layer.weight!.grad!;
        optimizer.step();
        var after = nn.functional.cross_entropy(layer.call(x), target);

        Assert.True(gradient.abs().sum().item<float>() > 0);
        Assert.True(float.IsFinite(before.item<float>()));
        Assert.True(after.item<float>() < before.item<float>());
    }

    [Fact]
    public void The_output_copy_is_weak_exactly_when_the_host_lacks_the_version()
    {
        var library = Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");
        Assert.True(File.Exists(HostLibStdCxx), HostLibStdCxx + " is where Debian and Ubuntu keep libstdc++");
        var hostHasIt = ElfVersionNeedPatcher.DefinesVersion(File.ReadAllBytes(HostLibStdCxx), Needed, HostLibStdCxx);
        var elf = File.ReadAllBytes(library);

        var flags = ElfVersionNeedPatcher.FindVersionNeedFlagsOffset(elf, Needed, library);

        Assert.True(flags > 0, "TorchSharp 0.107's library needs " + Needed);
        var weak = (BitConverter.ToUInt16(elf, (int)flags) & ElfVersionNeedPatcher.VersionFlagWeak) != 0;
        Assert.Equal(!hostHasIt, weak);
    }

    [Fact]
    public void The_host_libstdcxx_definitions_are_read()
    {
        Assert.True(File.Exists(HostLibStdCxx), HostLibStdCxx + " is where Debian and Ubuntu keep libstdc++");
        var host = File.ReadAllBytes(HostLibStdCxx);

        Assert.True(ElfVersionNeedPatcher.DefinesVersion(host, "GLIBCXX_3.4", HostLibStdCxx));
        Assert.False(ElfVersionNeedPatcher.DefinesVersion(host, "GLIBCXX_99.0", HostLibStdCxx));
    }
}
