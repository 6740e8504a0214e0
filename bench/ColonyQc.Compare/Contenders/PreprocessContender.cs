using ColonyQc.Inference;
using ColonyQc.Inference.Imaging;
using ColonyQc.Inference.Model;
using ColonyQc.Inference.Preprocessing;

namespace ColonyQc.Compare.Contenders;

/// <summary>
/// Per-image preprocessing cost on one thread, everything but inference, as the scoring path does
/// it: read and decode the file (with shrink-on-load as scoring allows it) -> resample to the
/// model's canonical scale -> every window normalised into a reused pooled batch. Timed image by
/// image; the decode alone of the same file with the same options is timed too, to split the cost.
/// </summary>
public static class PreprocessContender
{
    /// <summary>Runs the contender.</summary>
    public static RunResult Run(CompareArguments args)
    {
        var files = ImageFolder.List(args.Directory);
        ModelManifest manifest;
        using (var classifier = ColonyClassifier.Load(args.RequireModel(), new ClassifierOptions { Threads = 1 }))
        {
            manifest = classifier.Manifest;
        }

        var decodeOptions = ScoringDecodeOptions(manifest, args.SourceUmPerPixel);
        var (w, h) = CanonicalResampler.TargetSize(2048, 1536, args.SourceUmPerPixel, manifest.UmPerPixel);
        var capacity = WindowLayout.For(w, h, manifest.WindowSize, manifest.WindowStride).Count;
        var batch = WindowBatch.Rent(capacity, manifest.WindowSize);
        try
        {
            int Preprocess(string path)
            {
                using var image = ImageDecoder.DecodeFile(path, decodeOptions);
                using var plane = CanonicalResampler.Resample(image, args.SourceUmPerPixel, manifest.UmPerPixel);
                var layout = WindowLayout.For(plane.Width, plane.Height, manifest.WindowSize, manifest.WindowStride);
                if (layout.Count > batch.Capacity)
                {
                    batch.Dispose();
                    batch = WindowBatch.Rent(layout.Count, manifest.WindowSize);
                }

                batch.Clear();
                for (var i = 0; i < layout.Count; i++)
                {
                    BatchWriter.Append(batch, plane, layout, i, manifest.Normalization);
                }

                return batch.Count;
            }

            int DecodeOnly(string path)
            {
                using var image = ImageDecoder.DecodeFile(path, decodeOptions);
                return image.Width;
            }

            // Reading the bytes as DecodeFile does (one pooled buffer, from the page cache after the
            // warm-up): the part of the cost that is the kernel's copy, not the library's code.
            int ReadOnly(string path)
            {
                using var bytes = PooledFileRead.Read(path);
                return bytes.Length;
            }

            var read = Timing.MedianMs(files, ReadOnly, out _, args.Warmup);
            var decode = Timing.MedianMs(files, DecodeOnly, out _, args.Warmup);
            var full = Timing.MedianMs(files, Preprocess, out var minMax, args.Warmup);
            return new RunResult
            {
                Contender = "colonyqc-preprocess",
                Label = args.Label,
                Input = "windows",
                Threads = 1,
                Images = files.Count,
                Seconds = full * files.Count / 1000,
                MedianMsPerImage = full,
                MinMaxMsPerImage = minMax,
                Note = $"file read alone {read:0.00} ms; read + decode (ImageDecoder, shrink up to {decodeOptions.MaxShrinkFactor}) {decode:0.00} ms; resample + normalise {full - decode:0.00} ms; all but the read {full - read:0.00} ms",
            };
        }
        finally
        {
            batch.Dispose();
        }
    }

    /// <summary>Shrink-on-load by the largest power of two (at most 8) that keeps the decoded image at or above canonical resolution.</summary>
    internal static DecodeOptions ScoringDecodeOptions(ModelManifest manifest, double sourceUmPerPixel)
    {
        var ratio = manifest.UmPerPixel / sourceUmPerPixel;
        var shrink = ratio >= 8 ? 8 : ratio >= 4 ? 4 : ratio >= 2 ? 2 : 1;
        return new DecodeOptions { MaxShrinkFactor = shrink };
    }
}
