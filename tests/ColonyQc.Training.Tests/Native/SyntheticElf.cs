using System.Text;

namespace ColonyQc.Training.Tests.Native;

/// <summary>
/// Builds a minimal little-endian ELF64 image holding only what the version patcher reads: the
/// file header, a .dynstr string table, a .gnu.version_r need table and optionally a
/// .gnu.version_d definition table.
/// </summary>
internal static class SyntheticElf
{
    private const int HeaderSize = 64;
    private const int SectionHeaderSize = 64;

    /// <summary>Needs: libc.so.6 (GLIBC_2.34) and libstdc++.so.6 (GLIBCXX_3.4.30, GLIBCXX_3.4.32, CXXABI_1.3).</summary>
    public static byte[] WithNeeds(params (string File, string[] Versions)[] needs)
        => Build(needs, definitions: []);

    /// <summary>A library that defines the given versions (like a host libstdc++).</summary>
    public static byte[] WithDefinitions(params string[] definitions) => Build([], definitions);

    public static byte[] LibTorchSharpLike() => WithNeeds(
        ("libc.so.6", ["GLIBC_2.34"]),
        ("libstdc++.so.6", ["GLIBCXX_3.4.30", "GLIBCXX_3.4.32", "CXXABI_1.3"]));

    private static byte[] Build((string File, string[] Versions)[] needs, string[] definitions)
    {
        var strings = new MemoryStream();
        strings.WriteByte(0);
        var offsets = new Dictionary<string, uint>();
        uint Str(string s)
        {
            if (!offsets.TryGetValue(s, out var o))
            {
                o = (uint)strings.Length;
                var b = Encoding.ASCII.GetBytes(s);
                strings.Write(b);
                strings.WriteByte(0);
                offsets[s] = o;
            }

            return o;
        }

        var need = new MemoryStream();
        for (var n = 0; n < needs.Length; n++)
        {
            var (file, versions) = needs[n];
            var isLast = n == needs.Length - 1;
            Write16(need, 1);
            Write16(need, (ushort)versions.Length);
            Write32(need, Str(file));
            Write32(need, 16); // aux entries follow directly
            Write32(need, isLast ? 0u : (uint)(16 + (16 * versions.Length)));
            for (var v = 0; v < versions.Length; v++)
            {
                Write32(need, (uint)(0x1000 + v)); // vna_hash: not checked by the patcher
                Write16(need, 0);
                Write16(need, (ushort)(2 + v));
                Write32(need, Str(versions[v]));
                Write32(need, v == versions.Length - 1 ? 0u : 16u);
            }
        }

        var definition = new MemoryStream();
        for (var d = 0; d < definitions.Length; d++)
        {
            Write16(definition, 1);
            Write16(definition, 0);
            Write16(definition, (ushort)(d + 1));
            Write16(definition, 1);
            Write32(definition, 0);
            Write32(definition, 20);
            Write32(definition, d == definitions.Length - 1 ? 0u : 28u);
            Write32(definition, Str(definitions[d]));
            Write32(definition, 0);
        }

        var shstr = Encoding.ASCII.GetBytes("\0.dynstr\0.gnu.version_r\0.gnu.version_d\0.shstrtab\0");
        var dynstr = strings.ToArray();
        var needBytes = need.ToArray();
        var defBytes = definition.ToArray();

        var dynstrOffset = HeaderSize;
        var needOffset = dynstrOffset + dynstr.Length;
        var defOffset = needOffset + needBytes.Length;
        var shstrOffset = defOffset + defBytes.Length;
        var sectionTable = shstrOffset + shstr.Length;
        const int sectionCount = 5;

        var elf = new byte[sectionTable + (sectionCount * SectionHeaderSize)];
        elf[0] = 0x7f;
        elf[1] = (byte)'E';
        elf[2] = (byte)'L';
        elf[3] = (byte)'F';
        elf[4] = 2; // ELFCLASS64
        elf[5] = 1; // little-endian
        elf[6] = 1;
        Put64(elf, 0x28, (ulong)sectionTable);
        Put16(elf, 0x3a, SectionHeaderSize);
        Put16(elf, 0x3c, sectionCount);
        Put16(elf, 0x3e, 4);
        dynstr.CopyTo(elf, dynstrOffset);
        needBytes.CopyTo(elf, needOffset);
        defBytes.CopyTo(elf, defOffset);
        shstr.CopyTo(elf, shstrOffset);

        SectionHeader(elf, sectionTable, 1, name: 1, type: 3, dynstrOffset, dynstr.Length, link: 0, info: 0);
        SectionHeader(elf, sectionTable, 2, name: 9, type: 0x6ffffffe, needOffset, needBytes.Length, link: 1, info: (uint)needs.Length);
        SectionHeader(elf, sectionTable, 3, name: 24, type: definitions.Length > 0 ? 0x6ffffffdu : 1u, defOffset, defBytes.Length, link: 1, info: (uint)definitions.Length);
        SectionHeader(elf, sectionTable, 4, name: 39, type: 3, shstrOffset, shstr.Length, link: 0, info: 0);
        return elf;
    }

    private static void SectionHeader(byte[] elf, int table, int index, uint name, uint type, int offset, int size, uint link, uint info)
    {
        var h = table + (index * SectionHeaderSize);
        Put32(elf, h, name);
        Put32(elf, h + 4, type);
        Put64(elf, h + 24, (ulong)offset);
        Put64(elf, h + 32, (ulong)size);
        Put32(elf, h + 40, link);
        Put32(elf, h + 44, info);
    }

    private static void Write16(Stream s, ushort v)
    {
        s.WriteByte((byte)v);
        s.WriteByte((byte)(v >> 8));
    }

    private static void Write32(Stream s, uint v)
    {
        Write16(s, (ushort)v);
        Write16(s, (ushort)(v >> 16));
    }

    private static void Put16(byte[] b, int o, ushort v) => BitConverter.TryWriteBytes(b.AsSpan(o), v);

    private static void Put32(byte[] b, int o, uint v) => BitConverter.TryWriteBytes(b.AsSpan(o), v);

    private static void Put64(byte[] b, int o, ulong v) => BitConverter.TryWriteBytes(b.AsSpan(o), v);
}
