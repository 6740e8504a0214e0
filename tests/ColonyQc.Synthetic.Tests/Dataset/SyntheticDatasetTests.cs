using System.Buffers.Binary;
using BitMiracle.LibTiff.Classic;
using ColonyQc.Inference.Imaging.Encoding;
using ColonyQc.Inference.Naming;
using ColonyQc.Synthetic.Dataset;
using StbImageSharp;
using Xunit;

namespace ColonyQc.Synthetic.Tests.Dataset;

public sealed class SyntheticDatasetTests
{
    private static readonly SynthOptions Small = new() { Seed = 5, Count = 6, Width = 256, Height = 192, Threads = 2 };

    [Fact]
    public void Flat_layout_writes_class_folders_and_labels()
    {
        using var folder = new TemporaryFolder();
        var summary = SyntheticDataset.Write(Small, folder.Path);
        var lines = File.ReadAllLines(Path.Combine(folder.Path, "labels.csv"));
        Assert.Equal("file,label,plate,well,field,group", lines[0]);
        Assert.Equal(7, lines.Length);
        Assert.Equal([2, 2, 2], summary.PerClass);
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            Assert.StartsWith(cells[1] + "/synth_", cells[0], StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(folder.Path, cells[0])), cells[0]);
            Assert.Equal(("", ""), (cells[2], cells[3]));
            Assert.Equal(Path.GetFileNameWithoutExtension(cells[0]), cells[5]);
        }

        Assert.Equal(6, summary.Fields);
        Assert.Equal(summary.Bytes, Directory.EnumerateFiles(folder.Path, "*.tif", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length));
        Assert.False(File.ReadAllBytes(Path.Combine(folder.Path, "labels.csv")).AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]), "no byte-order mark");
    }

    [Fact]
    public void Output_is_identical_for_any_thread_count()
    {
        using var one = new TemporaryFolder();
        using var three = new TemporaryFolder();
        SyntheticDataset.Write(Small with { Threads = 1, Layout = SynthLayout.Evos, FieldsPerWell = 2 }, one.Path);
        SyntheticDataset.Write(Small with { Threads = 3, Layout = SynthLayout.Evos, FieldsPerWell = 2 }, three.Path);
        var files = Directory.GetFiles(one.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(files, Directory.GetFiles(three.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(8, files.Length);
        foreach (var file in files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(one.Path, file!)), File.ReadAllBytes(Path.Combine(three.Path, file!)));
        }
    }

    [Fact]
    public void Different_seeds_give_different_images()
    {
        using var a = new TemporaryFolder();
        using var b = new TemporaryFolder();
        SyntheticDataset.Write(Small with { Count = 1 }, a.Path);
        SyntheticDataset.Write(Small with { Count = 1, Seed = 6 }, b.Path);
        var fa = Directory.GetFiles(a.Path, "*.tif", SearchOption.AllDirectories).Single();
        var fb = Directory.GetFiles(b.Path, "*.tif", SearchOption.AllDirectories).Single();
        Assert.NotEqual(File.ReadAllBytes(fa), File.ReadAllBytes(fb));
    }

    [Fact]
    public void Evos_layout_names_plates_wells_and_fields_and_groups_by_well()
    {
        var options = Small with { Count = 14, Layout = SynthLayout.Evos, FieldsPerWell = 3, WellsPerPlate = 2, PlatePrefix = "run" };
        var fields = SyntheticDataset.Plan(options);
        Assert.Equal(14, fields.Count);
        foreach (var f in fields)
        {
            Assert.True(EvosFileName.TryParse(f.RelativePath, out var name), f.RelativePath);
            Assert.Equal((f.Plate, f.Well, f.Field, 'R'), (name!.Plate, name.Well, name.Field, name.Kind));
            Assert.Equal($"{f.Plate}/{f.Well}", f.Group);
        }

        Assert.Equal("run01_R_p00_z00_0_A01f01d0.tif", fields[0].RelativePath);
        Assert.Equal("run01_R_p00_z00_0_A02f01d0.tif", fields[3].RelativePath);
        Assert.Equal("run02_R_p00_z00_0_A01f01d0.tif", fields[6].RelativePath);
        Assert.Equal("run03_R_p00_z00_0_A01f02d0.tif", fields[13].RelativePath);
        Assert.All(fields.GroupBy(f => f.Group), well => Assert.Single(well.Select(f => f.Label).Distinct()));
        Assert.All(fields.GroupBy(f => f.Plate), plate => Assert.Single(plate.Select(f => f.AcquisitionGroup).Distinct()));
    }

    [Fact]
    public void Class_weights_set_exact_counts()
    {
        var fields = SyntheticDataset.Plan(Small with { Count = 10, ClassWeights = [2, 1, 1] });
        Assert.Equal([5, 3, 2], Enumerable.Range(0, 3).Select(k => fields.Count(f => (int)f.Label == k)).ToArray());
        var onlyAbnormal = SyntheticDataset.Plan(Small with { Count = 4, ClassWeights = [0, 0, 1] });
        Assert.All(onlyAbnormal, f => Assert.Equal(ColonyClass.Abnormal, f.Label));
        var mixed = SyntheticDataset.Plan(Small with { Count = 30 });
        Assert.NotEqual(mixed.Take(10).Select(f => f.Label), Enumerable.Repeat(ColonyClass.Good, 10));
    }

    [Fact]
    public void Annotations_describe_every_colony_and_agree_with_the_labels()
    {
        using var folder = new TemporaryFolder();
        var options = Small with { Count = 9 };
        var summary = SyntheticDataset.Write(options, folder.Path);
        var labels = File.ReadAllLines(Path.Combine(folder.Path, "labels.csv")).Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[0], c => c[1]);
        var rows = File.ReadAllLines(Path.Combine(folder.Path, "annotations.csv"));
        Assert.Equal("file,colony,x,y,width,height,class", rows[0]);
        var annotations = rows.Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(summary.Colonies, annotations.Length);
        foreach (var a in annotations)
        {
            Assert.True(labels.ContainsKey(a[0]), a[0]);
            var (x, y, w, h) = (Int(a[2]), Int(a[3]), Int(a[4]), Int(a[5]));
            Assert.True(x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= options.Width && y + h <= options.Height, string.Join(',', a));
            Assert.Contains(a[6], ColonyClassNames.All);
        }

        foreach (var (file, label) in labels)
        {
            var classes = annotations.Where(a => a[0] == file).Select(a => ColonyClassNames.Parse(a[6])).ToArray();
            Assert.Equal(label, classes.Length == 0 ? "good" : classes.Max().Name());
        }
    }

    [Theory]
    [InlineData(8, TiffCompression.Lzw)]
    [InlineData(16, TiffCompression.Deflate)]
    [InlineData(8, TiffCompression.None)]
    public void Tiff_files_carry_bit_depth_and_scale(int bitDepth, TiffCompression compression)
    {
        using var folder = new TemporaryFolder();
        SyntheticDataset.Write(Small with { Count = 1, BitDepth = bitDepth, TiffCompression = compression, UmPerPixel = 0.345 }, folder.Path);
        var file = Directory.GetFiles(folder.Path, "*.tif", SearchOption.AllDirectories).Single();
        using var tiff = Tiff.Open(file, "r");
        Assert.Equal(256, tiff.GetField(TiffTag.IMAGEWIDTH)[0].ToInt());
        Assert.Equal(192, tiff.GetField(TiffTag.IMAGELENGTH)[0].ToInt());
        Assert.Equal(bitDepth, tiff.GetField(TiffTag.BITSPERSAMPLE)[0].ToInt());
        Assert.Equal((int)compression, tiff.GetField(TiffTag.COMPRESSION)[0].ToInt());
        var xResolution = tiff.GetField(TiffTag.XRESOLUTION)[0].ToDouble();
        var unit = (ResUnit)tiff.GetField(TiffTag.RESOLUTIONUNIT)[0].ToInt();
        var umPerPixel = (unit == ResUnit.CENTIMETER ? 10_000 : 25_400) / xResolution;
        Assert.Equal(0.345, umPerPixel, 3);
        if (bitDepth == 16)
        {
            // Compressed strips only decode in order: read up to the row wanted.
            var row = new byte[tiff.ScanlineSize()];
            for (var y = 0; y <= 100; y++)
            {
                Assert.True(tiff.ReadScanline(row, y));
            }

            var values = Enumerable.Range(0, 256).Select(i => BinaryPrimitives.ReadUInt16LittleEndian(row.AsSpan(2 * i))).ToArray();
            Assert.All(values, v => Assert.Equal(0, v % 16));
            Assert.True(values.Max() > 4096, "12-bit counts sit at the top of the 16-bit range");
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    public void Png_files_carry_bit_depth_and_scale(int bitDepth)
    {
        using var folder = new TemporaryFolder();
        SyntheticDataset.Write(Small with { Count = 1, BitDepth = bitDepth, Format = SynthImageFormat.Png }, folder.Path);
        var bytes = File.ReadAllBytes(Directory.GetFiles(folder.Path, "*.png", SearchOption.AllDirectories).Single());
        Assert.Equal(256, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(192, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        Assert.Equal(bitDepth, bytes[24]);
        Assert.Equal(0, bytes[25]);
        var phys = bytes.AsSpan().IndexOf("pHYs"u8);
        Assert.True(phys > 0, "pHYs chunk present");
        var pixelsPerMetre = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(phys + 4));
        Assert.Equal(0.86, 1e6 / pixelsPerMetre, 3);
        if (bitDepth == 8)
        {
            var decoded = ImageResult.FromMemory(bytes, ColorComponents.Grey);
            Assert.Equal((256, 192), (decoded.Width, decoded.Height));
        }
    }

    [Fact]
    public void Jpeg_files_decode_to_the_frame()
    {
        using var folder = new TemporaryFolder();
        SyntheticDataset.Write(Small with { Count = 1, Format = SynthImageFormat.Jpeg, Layout = SynthLayout.Evos }, folder.Path);
        var file = Directory.GetFiles(folder.Path, "*.jpg").Single();
        Assert.EndsWith("_A01f01d0.jpg", file, StringComparison.Ordinal);
        var decoded = ImageResult.FromMemory(File.ReadAllBytes(file), ColorComponents.Grey);
        Assert.Equal((256, 192), (decoded.Width, decoded.Height));
        Assert.True(decoded.Data.Average(b => b) is > 20 and < 240);
    }

    [Fact]
    public void Empty_fields_are_labelled_good_and_have_no_annotation_rows()
    {
        using var folder = new TemporaryFolder();
        var summary = SyntheticDataset.Write(Small with { Count = 3, ClassWeights = [1, 0, 0], EmptyFieldProbability = 1 }, folder.Path);
        Assert.Equal(3, summary.EmptyFields);
        Assert.Single(File.ReadAllLines(Path.Combine(folder.Path, "annotations.csv")));
    }

    [Fact]
    public void Cancellation_stops_before_the_csv_files()
    {
        using var folder = new TemporaryFolder();
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => SyntheticDataset.Write(Small, folder.Path, null, cancel.Token));
        Assert.False(File.Exists(Path.Combine(folder.Path, "labels.csv")));
    }

    [Fact]
    public void Progress_counts_every_field()
    {
        using var folder = new TemporaryFolder();
        var reports = new System.Collections.Concurrent.ConcurrentBag<int>();
        SyntheticDataset.Write(Small with { Count = 4 }, folder.Path, new SynchronousProgress(reports.Add));
        Assert.Equal([1, 2, 3, 4], reports.Order().ToArray());
    }

    public static TheoryData<SynthOptions, string> BadOptions => new()
    {
        { Small with { Count = 0 }, "count" },
        { Small with { Width = 4 }, "frame size" },
        { Small with { UmPerPixel = 0 }, "um-per-pixel" },
        { Small with { BitDepth = 12 }, "bit depth" },
        { Small with { BitDepth = 16, Format = SynthImageFormat.Jpeg }, "JPEG holds 8-bit" },
        { Small with { JpegQuality = 0 }, "JPEG quality" },
        { Small with { ClassWeights = [1, 1] }, "class weights" },
        { Small with { ClassWeights = [0, 0, 0] }, "class weights" },
        { Small with { ClassWeights = [1, -1, 1] }, "class weights" },
        { Small with { FieldsPerWell = 0 }, "fields per well" },
        { Small with { WellsPerPlate = 97 }, "wells per plate" },
        { Small with { PlatePrefix = "my plate" }, "plate prefix" },
        { Small with { PlatePrefix = "" }, "plate prefix" },
        { Small with { EmptyFieldProbability = -0.1 }, "empty-field" },
        { Small with { Threads = 0 }, "threads" },
        { Small with { Format = (SynthImageFormat)9 }, "format" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Bad_options_are_refused_naming_the_option(SynthOptions options, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => SyntheticDataset.Plan(options));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    private static int Int(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
