// Compiled twice: by MSBuild's RoslynCodeTaskFactory (build/TorchSharpNativeFix.targets) into the
// WeakenElfVersionNeed task, and by ColonyQc.Training.Tests (with COLONYQC_ELF_PATCHER_TESTS, which
// leaves out the MSBuild task class) to test the ELF patcher itself. The factory compiles against
// netstandard 2.0, so this file uses only netstandard 2.0 APIs (no spans, no BinaryPrimitives).
#nullable enable
using System.Text;
#if !COLONYQC_ELF_PATCHER_TESTS
// The test project has these as implicit usings; the task factory compiles this file alone.
using System;
using System.IO;
using Microsoft.Build.Framework;
#endif

namespace ColonyQc.Build;

/// <summary>What <see cref="ElfVersionNeedPatcher.Weaken"/> did.</summary>
public enum VersionNeedPatchResult
{
    /// <summary>The library declares no need for the version: nothing to do.</summary>
    NotNeeded,

    /// <summary>The need was already weak (a previous build patched this copy).</summary>
    AlreadyWeak,

    /// <summary>The need was strong and is now weak.</summary>
    Weakened,
}

/// <summary>
/// Reads and patches the symbol-version tables of a little-endian ELF64 shared library.
/// TorchSharp 0.107's libLibTorchSharp.so needs GLIBCXX_3.4.32 only for std::ios_base_library_init(),
/// which no relocation references; marking that one Vernaux entry VER_FLG_WEAK makes glibc's loader
/// accept a libstdc++ without the version (Debian 12, Ubuntu 22.04) instead of refusing the library.
/// </summary>
public static class ElfVersionNeedPatcher
{
    /// <summary>VER_FLG_WEAK: a missing version is not an error for the dynamic loader.</summary>
    public const ushort VersionFlagWeak = 0x2;

    private const uint SectionTypeVersionNeed = 0x6ffffffe; // SHT_GNU_verneed (.gnu.version_r)
    private const uint SectionTypeVersionDefinition = 0x6ffffffd; // SHT_GNU_verdef (.gnu.version_d)
    private const int SectionHeaderSize = 64;
    private const int VernauxFlagsOffset = 4; // vna_flags, after the 4-byte vna_hash

    /// <summary>True when the library defines (exports) the symbol version <paramref name="versionName"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a little-endian ELF64 file or its tables are out of bounds.</exception>
    public static bool DefinesVersion(byte[] elf, string versionName, string source) =>
        FindNamingEntry(elf, VersionTable.Definitions, versionName, source) >= 0;

    /// <summary>
    /// File offset of the vna_flags field of the Vernaux entry that needs <paramref name="versionName"/>,
    /// or -1 when the library does not need it.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a little-endian ELF64 file or its tables are out of bounds.</exception>
    public static long FindVersionNeedFlagsOffset(byte[] elf, string versionName, string source)
    {
        var vernaux = FindNamingEntry(elf, VersionTable.Needs, versionName, source);
        return vernaux < 0 ? -1 : vernaux + VernauxFlagsOffset;
    }

    /// <summary>Sets VER_FLG_WEAK on the need for <paramref name="versionName"/> in the in-memory image <paramref name="elf"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a little-endian ELF64 file or its tables are out of bounds.</exception>
    public static VersionNeedPatchResult Weaken(byte[] elf, string versionName, string source)
    {
        var offset = FindVersionNeedFlagsOffset(elf, versionName, source);
        if (offset < 0)
        {
            return VersionNeedPatchResult.NotNeeded;
        }

        var flags = U16(elf, offset);
        if ((flags & VersionFlagWeak) != 0)
        {
            return VersionNeedPatchResult.AlreadyWeak;
        }

        flags |= VersionFlagWeak;
        elf[offset] = (byte)(flags & 0xff);
        elf[offset + 1] = (byte)(flags >> 8);
        return VersionNeedPatchResult.Weakened;
    }

    /// <summary>
    /// Weakens the need in the file at <paramref name="path"/>. The patched bytes go to a new file
    /// that replaces the old one by rename, so a hard link into the NuGet cache is never written
    /// through; the file keeps its mode and its modification time, so the SDK's incremental copy
    /// still sees it as up to date and does not copy the unpatched library over it again.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a little-endian ELF64 file or its tables are out of bounds.</exception>
    public static VersionNeedPatchResult WeakenFile(string path, string versionName)
    {
        var elf = File.ReadAllBytes(path);
        var result = Weaken(elf, versionName, path);
        if (result != VersionNeedPatchResult.Weakened)
        {
            return result;
        }

        var lastWrite = File.GetLastWriteTimeUtc(path);
        var temporary = path + ".colonyqc-patch.tmp";
        File.Copy(path, temporary, overwrite: true); // keeps the mode bits (executable) of the original
        File.WriteAllBytes(temporary, elf);
        File.SetLastWriteTimeUtc(temporary, lastWrite);
        File.Replace(temporary, path, destinationBackupFileName: null);
        return result;
    }

    /// <summary>
    /// Where the fields of one kind of version table lie. Verdef and Verneed tables have the same
    /// shape (a chain of entries, each pointing to a chain of auxiliary entries that name a version)
    /// with different record sizes and field offsets, so one walker serves both.
    /// </summary>
    private sealed class VersionTable
    {
        // Elf64_Verdef: vd_cnt at 6, vd_aux at 12, vd_next at 16 (20 bytes); Elf64_Verdaux: vda_name at 0, vda_next at 4 (8 bytes).
        public static readonly VersionTable Definitions = new VersionTable(SectionTypeVersionDefinition, "a Verdef entry", 20, 6, 12, 16, "a Verdaux entry", 8, 0, 4);

        // Elf64_Verneed: vn_cnt at 2, vn_aux at 8, vn_next at 12 (16 bytes); Elf64_Vernaux: vna_name at 8, vna_next at 12 (16 bytes).
        public static readonly VersionTable Needs = new VersionTable(SectionTypeVersionNeed, "a Verneed entry", 16, 2, 8, 12, "a Vernaux entry", 16, 8, 12);

        private VersionTable(uint sectionType, string entryName, int entrySize, int countOffset, int auxOffset, int nextOffset, string auxName, int auxSize, int auxNameOffset, int auxNextOffset)
        {
            SectionType = sectionType;
            EntryName = entryName;
            EntrySize = entrySize;
            CountOffset = countOffset;
            AuxOffset = auxOffset;
            NextOffset = nextOffset;
            AuxName = auxName;
            AuxSize = auxSize;
            AuxNameOffset = auxNameOffset;
            AuxNextOffset = auxNextOffset;
        }

        public uint SectionType { get; }

        public string EntryName { get; }

        public int EntrySize { get; }

        public int CountOffset { get; }

        public int AuxOffset { get; }

        public int NextOffset { get; }

        public string AuxName { get; }

        public int AuxSize { get; }

        public int AuxNameOffset { get; }

        public int AuxNextOffset { get; }
    }

    private readonly struct Section
    {
        public Section(uint type, long offset, long size, uint link, uint info)
        {
            Type = type;
            Offset = offset;
            Size = size;
            Link = link;
            Info = info;
        }

        public uint Type { get; }

        public long Offset { get; }

        public long Size { get; }

        public uint Link { get; }

        public uint Info { get; }
    }

    private static Section[] Sections(byte[] elf, string source)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
        {
            throw new InvalidDataException(source + ": not an ELF file (no \\x7fELF magic)");
        }

        if (elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException(source + $": ELF class {elf[4]}, data encoding {elf[5]}; only little-endian ELF64 is supported");
        }

        var tableOffset = (long)U64(elf, 0x28);
        var entrySize = U16(elf, 0x3a);
        var count = U16(elf, 0x3c);
        if (count == 0)
        {
            throw new InvalidDataException(source + ": the ELF file has no section headers");
        }

        if (entrySize != SectionHeaderSize)
        {
            throw new InvalidDataException(source + $": section header size {entrySize}, expected {SectionHeaderSize}");
        }

        Require(elf, tableOffset, (long)count * SectionHeaderSize, source, "the section header table");
        var sections = new Section[count];
        for (var i = 0; i < count; i++)
        {
            var header = tableOffset + ((long)i * SectionHeaderSize);
            var section = new Section(U32(elf, header + 4), (long)U64(elf, header + 24), (long)U64(elf, header + 32), U32(elf, header + 40), U32(elf, header + 44));
            if (section.Type == SectionTypeVersionNeed || section.Type == SectionTypeVersionDefinition)
            {
                Require(elf, section.Offset, section.Size, source, $"section {i}");
                if (section.Link >= count)
                {
                    throw new InvalidDataException(source + $": section {i} links to string table {section.Link}, but there are only {count} sections");
                }
            }

            sections[i] = section;
        }

        return sections;
    }

    // File offset of the first auxiliary entry (Verdaux or Vernaux) in a table of this kind that
    // names versionName, or -1. A vd_next/vn_next of 0 ends a chain even when the section's entry
    // count says there are more.
    private static long FindNamingEntry(byte[] elf, VersionTable table, string versionName, string source)
    {
        var sections = Sections(elf, source);
        foreach (var section in sections)
        {
            if (section.Type != table.SectionType)
            {
                continue;
            }

            var strings = StringTable(elf, sections, section.Link, source);
            long entry = section.Offset;
            for (var i = 0; i < section.Info; i++)
            {
                Require(elf, entry, table.EntrySize, source, table.EntryName);
                var auxCount = U16(elf, entry + table.CountOffset);
                var aux = entry + U32(elf, entry + table.AuxOffset);
                for (var a = 0; a < auxCount; a++)
                {
                    Require(elf, aux, table.AuxSize, source, table.AuxName);
                    if (NameAt(elf, strings, U32(elf, aux + table.AuxNameOffset), source) == versionName)
                    {
                        return aux;
                    }

                    aux += U32(elf, aux + table.AuxNextOffset);
                }

                var next = U32(elf, entry + table.NextOffset);
                if (next == 0)
                {
                    break;
                }

                entry += next;
            }
        }

        return -1;
    }

    private static Section StringTable(byte[] elf, Section[] sections, uint index, string source)
    {
        var table = sections[index];
        Require(elf, table.Offset, table.Size, source, $"string table section {index}");
        return table;
    }

    private static string NameAt(byte[] elf, Section strings, uint nameOffset, string source)
    {
        if (nameOffset >= strings.Size)
        {
            throw new InvalidDataException(source + $": version name offset {nameOffset} is outside its string table ({strings.Size} bytes)");
        }

        var start = strings.Offset + nameOffset;
        var end = start;
        var limit = strings.Offset + strings.Size;
        while (end < limit && elf[end] != 0)
        {
            end++;
        }

        return Encoding.ASCII.GetString(elf, (int)start, (int)(end - start));
    }

    private static void Require(byte[] elf, long offset, long length, string source, string what)
    {
        if (offset < 0 || length < 0 || offset + length > elf.Length)
        {
            throw new InvalidDataException(source + $": {what} at offset {offset} ({length} bytes) lies outside the file ({elf.Length} bytes)");
        }
    }

    private static ushort U16(byte[] b, long o) => (ushort)(b[o] | (b[o + 1] << 8));

    private static uint U32(byte[] b, long o) => (uint)(b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24));

    private static ulong U64(byte[] b, long o) => U32(b, o) | ((ulong)U32(b, o + 4) << 32);
}

#if !COLONYQC_ELF_PATCHER_TESTS
/// <summary>
/// MSBuild task: marks the library's need for <see cref="VersionName"/> weak when the host's
/// libstdc++ does not define that version, and says so in the build log.
/// </summary>
public sealed class WeakenElfVersionNeed : Microsoft.Build.Utilities.Task
{
    /// <summary>The output copy of the library to patch (never the NuGet cache).</summary>
    [Required]
    public string LibraryPath { get; set; } = string.Empty;

    /// <summary>The symbol version to weaken, e.g. GLIBCXX_3.4.32.</summary>
    [Required]
    public string VersionName { get; set; } = string.Empty;

    /// <summary>Where the host's libstdc++.so.6 may be; the first that exists is checked.</summary>
    [Required]
    public string[] HostLibraryCandidates { get; set; } = Array.Empty<string>();

    /// <inheritdoc />
    public override bool Execute()
    {
        if (!File.Exists(LibraryPath))
        {
            return true;
        }

        string? host = null;
        foreach (var candidate in HostLibraryCandidates)
        {
            if (File.Exists(candidate))
            {
                host = candidate;
                break;
            }
        }

        try
        {
            if (host is null)
            {
                Log.LogMessage(MessageImportance.High, $"ColonyQc: no host libstdc++.so.6 found ({string.Join(", ", HostLibraryCandidates)}); {LibraryPath} left unchanged");
                return true;
            }

            if (ElfVersionNeedPatcher.DefinesVersion(File.ReadAllBytes(host), VersionName, host))
            {
                Log.LogMessage(MessageImportance.Low, $"ColonyQc: {host} defines {VersionName}; {LibraryPath} left unchanged");
                return true;
            }

            var library = Path.GetFullPath(LibraryPath);
            switch (ElfVersionNeedPatcher.WeakenFile(library, VersionName))
            {
                case VersionNeedPatchResult.Weakened:
                    Log.LogMessage(MessageImportance.High, $"ColonyQc: {host} lacks {VersionName}, so its need in {library} was marked weak (VER_FLG_WEAK) to let TorchSharp load; the NuGet cache copy is untouched");
                    break;
                case VersionNeedPatchResult.AlreadyWeak:
                    Log.LogMessage(MessageImportance.Normal, $"ColonyQc: the {VersionName} need in {library} is already weak");
                    break;
                default:
                    Log.LogMessage(MessageImportance.Normal, $"ColonyQc: {library} does not need {VersionName}; left unchanged");
                    break;
            }
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is InvalidDataException)
        {
            Log.LogError($"ColonyQc: cannot weaken the {VersionName} need of {LibraryPath}: {ex.Message}");
        }

        return !Log.HasLoggedErrors;
    }
}
#endif
