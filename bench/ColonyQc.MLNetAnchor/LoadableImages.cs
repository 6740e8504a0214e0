using System.Security.Cryptography;
using System.Text;
using ColonyQc.Inference.Imaging;
using SkiaSharp;

namespace ColonyQc.MLNetAnchor;

/// <summary>What was done to make a set readable by ML.NET's LoadImages.</summary>
/// <param name="Images">The images LoadImages gets (converted ones point into the work folder).</param>
/// <param name="Converted">How many were re-encoded as PNG.</param>
/// <param name="Skipped">Images that could not be decoded at all, with the reason; they are left out.</param>
/// <param name="Seconds">Wall time of the conversion (not part of the recipe's fit or scoring time).</param>
public sealed record LoadableSet(IReadOnlyList<LabelledImage> Images, int Converted, IReadOnlyList<string> Skipped, double Seconds);

/// <summary>
/// ImageAnalytics decodes through SkiaSharp, which reads PNG, JPEG and BMP but not TIFF (the EVOS
/// default). Files in another format are decoded with ColonyQc.Inference's <see cref="ImageDecoder"/>
/// (8/16-bit, LZW, palette grey) and written as 8-bit grey PNG into a work folder, the conversion a
/// lab would have to script before using ML.NET.
/// </summary>
public static class LoadableImages
{
    /// <summary>Returns <paramref name="images"/> with every file ImageAnalytics cannot read replaced by a PNG copy in <paramref name="workFolder"/>.</summary>
    public static LoadableSet Prepare(IReadOnlyList<LabelledImage> images, string workFolder)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = new List<LabelledImage>(images.Count);
        var skipped = new List<string>();
        var converted = 0;
        foreach (var image in images)
        {
            try
            {
                if (SkiaCanRead(image.Path))
                {
                    result.Add(image);
                    continue;
                }

                Directory.CreateDirectory(workFolder);
                var target = Path.Combine(workFolder, UniqueName(image.Path) + ".png");
                if (!File.Exists(target))
                {
                    WritePng(image.Path, target);
                }

                result.Add(image with { Path = target });
                converted++;
            }
            catch (Exception e) when (e is InvalidImageException or IOException or UnauthorizedAccessException)
            {
                skipped.Add(e.Message);
            }
        }

        return new LoadableSet(result, converted, skipped, started.Elapsed.TotalSeconds);
    }

    private static bool SkiaCanRead(string path)
    {
        Span<byte> head = stackalloc byte[8];
        using var stream = File.OpenRead(path);
        var n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..n];
        var skiaFormat = head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G'])
            || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])
            || head.StartsWith((ReadOnlySpan<byte>)[(byte)'B', (byte)'M']);
        if (!skiaFormat)
        {
            return false;
        }

        // SkiaSharp returns a partly grey image for a truncated PNG/JPEG and LoadImages would
        // score it as if it were whole; a file SkiaSharp cannot decode completely goes to
        // ImageDecoder instead, which either reads it or names the defect.
        stream.Position = 0;
        using var codec = SKCodec.Create(stream);
        if (codec is null)
        {
            return false;
        }

        using var bitmap = new SKBitmap(codec.Info);
        return codec.GetPixels(codec.Info, bitmap.GetPixels()) == SKCodecResult.Success;
    }

    // Same file name in two class folders must not collide, and a rerun reuses its conversions.
    private static string UniqueName(string path)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(path)));
        return Path.GetFileNameWithoutExtension(path) + "-" + Convert.ToHexString(hash, 0, 6);
    }

    private static void WritePng(string source, string target)
    {
        using var grey = ImageDecoder.DecodeFile(source);
        var info = new SKImageInfo(grey.Width, grey.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        var pixels = bitmap.GetPixelSpan();
        var rowBytes = bitmap.RowBytes;
        for (var y = 0; y < grey.Height; y++)
        {
            var row = pixels.Slice(y * rowBytes, grey.Width);
            if (grey.BitDepth == 8)
            {
                grey.Pixels8.Slice(y * grey.Width, grey.Width).CopyTo(row);
            }
            else
            {
                // 16-bit to 8-bit over the full range, as a simple export would do it
                var src = grey.Pixels16.Slice(y * grey.Width, grey.Width);
                for (var x = 0; x < src.Length; x++)
                {
                    row[x] = (byte)((src[x] + 128) / 257);
                }
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        var temp = target + ".tmp";
        using (var file = File.Create(temp))
        {
            data.SaveTo(file);
        }

        File.Move(temp, target, overwrite: true);
    }
}
