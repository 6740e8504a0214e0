using ColonyQc.Training.Data;
using Xunit;

namespace ColonyQc.Training.Tests.Data;

public class LabelledImageSetTests
{
    [Fact]
    public void Class_folders_give_sorted_classes_and_images_found_by_content()
    {
        using var images = new TestImages();
        images.WriteTiff("zeta/a.dat", 40, 30, 0, 1);
        images.WriteTiff("alpha/b.tif", 40, 30, 1, 2);
        images.WriteTiff("alpha/nested/c", 40, 30, 1, 3);
        images.WriteBytes("alpha/notes.txt", "not an image"u8.ToArray());

        var set = LabelledImageSet.Load(images.Root);

        Assert.Equal(["alpha", "zeta"], set.ClassNames);
        Assert.Equal(3, set.Images.Count);
        Assert.Equal(2, set.Images.Count(i => i.Label == 0));
        Assert.All(set.Images, i => Assert.StartsWith("file:", i.Group, StringComparison.Ordinal));
    }

    [Fact]
    public void The_three_standard_classes_keep_the_standard_order()
    {
        using var images = new TestImages();
        foreach (var c in new[] { "abnormal", "differentiating", "good" })
        {
            images.WriteTiff($"{c}/x.tif", 20, 20, 0, 1);
        }

        Assert.Equal(["good", "differentiating", "abnormal"], LabelledImageSet.Load(images.Root).ClassNames);
    }

    [Fact]
    public void Manifest_groups_evos_names_and_regex_decide_the_group()
    {
        using var images = new TestImages();
        images.WriteTiff("a.tif", 20, 20, 0, 1);
        images.WriteTiff("scan_R_p00_z00_0_B03f01d0.tif", 20, 20, 0, 2);
        images.WriteTiff("plate7/c.tif", 20, 20, 0, 3);
        File.WriteAllText(Path.Combine(images.Root, "list.csv"), "path,label,group\na.tif,good,G1\nscan_R_p00_z00_0_B03f01d0.tif,abnormal,\nplate7/c.tif,good,\n");

        var set = LabelledImageSet.Load(Path.Combine(images.Root, "list.csv"));
        Assert.Equal("G1", set.Images[0].Group);
        Assert.Equal("evos:scan/B03", set.Images[1].Group);
        Assert.StartsWith("file:", set.Images[2].Group, StringComparison.Ordinal);

        var byRegex = LabelledImageSet.Load(Path.Combine(images.Root, "list.csv"), new DataLoadOptions { GroupByPattern = @"(plate\d+)/" });
        Assert.Equal("plate7", byRegex.Images[2].Group);
    }

    [Fact]
    public void Unusable_listed_files_are_skipped_with_their_reason()
    {
        using var images = new TestImages();
        images.WriteTiff("ok1.tif", 20, 20, 0, 1);
        images.WriteTiff("ok2.tif", 20, 20, 1, 1);
        images.WriteBytes("empty.tif", []);
        images.WriteBytes("text.tif", "hello, world"u8.ToArray());
        File.WriteAllText(Path.Combine(images.Root, "m.csv"), "ok1.tif,good\nok2.tif,abnormal\nempty.tif,good\ntext.tif,good\nmissing.tif,good\n");

        var set = LabelledImageSet.Load(Path.Combine(images.Root, "m.csv"));

        Assert.Equal(2, set.Images.Count);
        Assert.Equal(3, set.Skipped.Count);
        Assert.Contains(set.Skipped, s => s.Path.EndsWith("empty.tif", StringComparison.Ordinal) && s.Reason.Contains("0 bytes", StringComparison.Ordinal));
        Assert.Contains(set.Skipped, s => s.Path.EndsWith("text.tif", StringComparison.Ordinal) && s.Reason.Contains("not a supported image", StringComparison.Ordinal));
        Assert.Contains(set.Skipped, s => s.Path.EndsWith("missing.tif", StringComparison.Ordinal) && s.Reason.Contains("not found", StringComparison.Ordinal));
    }

    [Fact]
    public void Truncated_images_are_skipped_when_decoded()
    {
        using var images = new TestImages();
        images.WriteTiff("good/ok.tif", 64, 48, 0, 1);
        images.WriteTiff("abnormal/ok.tif", 64, 48, 2, 2);
        var bad = images.WriteTiff("abnormal/cut.tif", 64, 48, 2, 3);
        var bytes = File.ReadAllBytes(bad);
        File.WriteAllBytes(bad, bytes[..(bytes.Length / 3)]);

        var set = LabelledImageSet.Load(images.Root);
        var loaded = CanonicalImageLoader.Load(set, canonicalUmPerPixel: 2.0, threads: 2);

        Assert.Equal(2, loaded.Images.Count);
        var skipped = Assert.Single(loaded.Skipped);
        Assert.EndsWith("cut.tif", skipped.Path, StringComparison.Ordinal);
        Assert.Contains("cut.tif", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_usable_images_is_an_error_listing_the_supported_extensions()
    {
        using var images = new TestImages();
        images.WriteBytes("good/readme.txt", "x"u8.ToArray());
        var ex = Assert.Throws<InvalidDataException>(() => LabelledImageSet.Load(images.Root));
        Assert.Contains("no usable images", ex.Message, StringComparison.Ordinal);
        foreach (var extension in Inference.Imaging.ImageDecoder.SupportedExtensions)
        {
            Assert.Contains(extension, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_missing_data_path_names_it() =>
        Assert.Contains("nowhere", Assert.Throws<DirectoryNotFoundException>(() => LabelledImageSet.Load("/nowhere/at/all")).Message, StringComparison.Ordinal);

    [Fact]
    public void A_bad_group_pattern_is_named() =>
        Assert.Contains("(unclosed", Assert.Throws<ArgumentException>(() => SplittingGroups.Compile("(unclosed")).Message, StringComparison.Ordinal);

    [Fact]
    public void Annotations_beside_labels_give_colony_boxes_in_canonical_pixels()
    {
        using var images = new TestImages();
        images.WriteTiff("f1.tif", 80, 60, 0, 1);
        images.WriteTiff("f2.tif", 80, 60, 2, 1);
        File.WriteAllText(Path.Combine(images.Root, "labels.csv"), "file,label,plate,well,field,group\nf1.tif,good,p,A01,1,\nf2.tif,abnormal,p,A02,1,\n");
        File.WriteAllText(Path.Combine(images.Root, "annotations.csv"), "file,label,x,y,width,height\nf2.tif,abnormal,10,20,30,40\n");

        var set = LabelledImageSet.Load(images.Root);
        Assert.Equal("p/A01", set.Images[0].Group);
        var loaded = CanonicalImageLoader.Load(set, canonicalUmPerPixel: 0.8625 * 2, new ScaleOptions());
        Assert.Empty(loaded.Images[0].Colonies!);
        var box = Assert.Single(loaded.Images[1].Colonies!);
        Assert.Equal(["abnormal", "good"], set.ClassNames);
        Assert.Equal(new ColonyBox(5, 10, 15, 20, 0), box);
    }
}
