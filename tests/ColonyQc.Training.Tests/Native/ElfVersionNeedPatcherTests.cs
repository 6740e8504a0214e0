using System.Diagnostics;
using System.Runtime.Versioning;
using ColonyQc.Build;
using Xunit;

namespace ColonyQc.Training.Tests.Native;

public sealed class ElfVersionNeedPatcherTests
{
    private const string Needed = "GLIBCXX_3.4.32";

    [Fact]
    public void Weaken_sets_the_weak_flag_of_that_one_entry_and_nothing_else()
    {
        var original = SyntheticElf.LibTorchSharpLike();
        var patched = (byte[])original.Clone();

        var result = ElfVersionNeedPatcher.Weaken(patched, Needed, "synthetic.so");

        Assert.Equal(VersionNeedPatchResult.Weakened, result);
        var flags = ElfVersionNeedPatcher.FindVersionNeedFlagsOffset(original, Needed, "synthetic.so");
        var changed = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToArray();
        Assert.Equal([(int)flags], changed);
        Assert.Equal(ElfVersionNeedPatcher.VersionFlagWeak, BitConverter.ToUInt16(patched, (int)flags));
    }

    [Fact]
    public void Weaken_is_idempotent()
    {
        var once = SyntheticElf.LibTorchSharpLike();
        ElfVersionNeedPatcher.Weaken(once, Needed, "synthetic.so");
        var twice = (byte[])once.Clone();

        Assert.Equal(VersionNeedPatchResult.AlreadyWeak, ElfVersionNeedPatcher.Weaken(twice, Needed, "synthetic.so"));
        Assert.Equal(once, twice);
    }

    [Fact]
    public void Weaken_leaves_a_library_without_that_need_alone()
    {
        var elf = SyntheticElf.WithNeeds(("libstdc++.so.6", ["GLIBCXX_3.4.30"]));
        var copy = (byte[])elf.Clone();

        Assert.Equal(VersionNeedPatchResult.NotNeeded, ElfVersionNeedPatcher.Weaken(copy, Needed, "synthetic.so"));
        Assert.Equal(elf, copy);
    }

    [Fact]
    public void DefinesVersion_reads_the_version_definitions()
    {
        var host = SyntheticElf.WithDefinitions("GLIBCXX_3.4", "GLIBCXX_3.4.30", "CXXABI_1.3");

        Assert.True(ElfVersionNeedPatcher.DefinesVersion(host, "GLIBCXX_3.4.30", "host.so"));
        Assert.False(ElfVersionNeedPatcher.DefinesVersion(host, Needed, "host.so"));
    }

    [Fact]
    public void A_file_that_is_not_elf_is_refused_with_its_name()
    {
        var ex = Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.Weaken(new byte[128], Needed, "notes.txt"));
        Assert.Contains("notes.txt", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not an ELF file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_file_is_refused_with_the_defect()
    {
        var elf = SyntheticElf.LibTorchSharpLike();
        var truncated = elf.AsSpan(0, elf.Length - 100).ToArray();

        var ex = Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.Weaken(truncated, Needed, "cut.so"));
        Assert.Contains("cut.so", ex.Message, StringComparison.Ordinal);
        Assert.Contains("outside the file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_32_bit_file_is_refused()
    {
        var elf = SyntheticElf.LibTorchSharpLike();
        elf[4] = 1;

        var ex = Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.Weaken(elf, Needed, "lib32.so"));
        Assert.Contains("only little-endian ELF64", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void WeakenFile_replaces_the_file_and_never_writes_through_a_hard_link()
    {
        var dir = Directory.CreateTempSubdirectory("colonyqc-elf-");
        try
        {
            var cache = Path.Combine(dir.FullName, "cache.so");
            var output = Path.Combine(dir.FullName, "output.so");
            var original = SyntheticElf.LibTorchSharpLike();
            File.WriteAllBytes(cache, original);
            File.SetUnixFileMode(cache, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var stamp = new DateTime(2026, 5, 7, 10, 3, 28, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(cache, stamp);
            HardLink(cache, output); // what an SDK copy with hard links would leave

            Assert.Equal(VersionNeedPatchResult.Weakened, ElfVersionNeedPatcher.WeakenFile(output, Needed));
            Assert.Equal(VersionNeedPatchResult.AlreadyWeak, ElfVersionNeedPatcher.WeakenFile(output, Needed));

            Assert.Equal(original, File.ReadAllBytes(cache));
            var patched = File.ReadAllBytes(output);
            var flags = (int)ElfVersionNeedPatcher.FindVersionNeedFlagsOffset(patched, Needed, output);
            Assert.Equal(ElfVersionNeedPatcher.VersionFlagWeak, BitConverter.ToUInt16(patched, flags));
            Assert.Equal(stamp, File.GetLastWriteTimeUtc(output));
            Assert.True(File.GetUnixFileMode(output).HasFlag(UnixFileMode.UserExecute));
            Assert.False(File.Exists(output + ".colonyqc-patch.tmp"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static void HardLink(string existing, string link)
    {
        using var ln = Process.Start(new ProcessStartInfo("ln", [existing, link]) { UseShellExecute = false })!;
        ln.WaitForExit();
        Assert.Equal(0, ln.ExitCode);
    }
}
