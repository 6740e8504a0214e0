using ColonyQc.Inference.Imaging;
using ColonyQc.Inference.Imaging.Encoding;

namespace ColonyQc.Compare.Contenders;

/// <summary>
/// Not a contender: writes LZW (horizontal predictor) copies of a folder's TIFFs with the
/// project's own encoder, so the LZW set holds exactly the pixels of the uncompressed set.
/// </summary>
public static class LzwConversion
{
    /// <summary>Converts every image of <c>--dir</c> into <c>--out</c> (a folder), keeping names.</summary>
    public static RunResult Run(CompareArguments args)
    {
        var target = args.Out ?? throw new ArgumentException("convert-lzw needs --out FOLDER");
        Directory.CreateDirectory(target);
        var files = ImageFolder.List(args.Directory);
        var options = new TiffEncoderOptions { Compression = TiffCompression.Lzw, HorizontalPredictor = true };
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = args.Threads }, file =>
        {
            using var image = ImageDecoder.DecodeFile(file);
            var um = image.Metadata.UmPerPixel;
            var withScale = options with { UmPerPixel = um };
            var bytes = image.BitDepth == 16
                ? TiffEncoder.Encode(image.Pixels16, image.Width, image.Height, withScale)
                : TiffEncoder.Encode(image.Pixels8, image.Width, image.Height, withScale);
            File.WriteAllBytes(Path.Combine(target, Path.GetFileName(file)), bytes);
        });
        return new RunResult { Contender = "convert-lzw", Label = args.Label, Input = "none", Threads = args.Threads, Images = files.Count, Seconds = 0 };
    }
}
