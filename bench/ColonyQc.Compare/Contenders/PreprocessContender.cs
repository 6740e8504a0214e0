using ColonyQc.Inference;
using ColonyQc.Inference.Imaging;
using ColonyQc.Inference.Preprocessing;
using ColonyQc.Inference.Scoring;

namespace ColonyQc.Compare.Contenders;

/// <summary>
/// Per-image preprocessing cost on one thread, everything but inference, exactly as the scoring
/// path does it: the library's own <c>ImagePreparer.PrepareFile</c> (read, decode with the shrink
/// scoring allows, exposure, resample to the canonical scale, focus, window layout), then every
/// window normalised into a pooled aligned batch of <see cref="ClassifierOptions.BatchSize"/> windows
/// with its texture, the batch cleared where scoring would run the network. Timed image by image,
/// by the wall clock (the reported figure) and by the thread's CPU clock; the read alone and the
/// read and decode of the same files are timed too, to split the cost.
/// </summary>
public static class PreprocessContender
{
    /// <summary>Runs the contender.</summary>
    public static RunResult Run(CompareArguments args)
    {
        var files = ImageFolder.List(args.Directory);
        var (manifest, batchSize, scoreOptions, decodeOptions) = ScoringSetup.For(args);
        var preparer = new ImagePreparer(manifest);
        using var batch = WindowBatch.Rent(batchSize, manifest.WindowSize);

        int Preprocess(string path)
        {
            using var prepared = preparer.PrepareFile(path, scoreOptions);
            var plane = prepared.Plane ?? throw new InvalidDataException(prepared.Error);
            var windows = 0;
            for (var i = 0; i < prepared.Layout.Count; i++)
            {
                BatchWriter.Append(batch, plane, prepared.Layout, i, manifest.Normalization, manifest.QualityGate.TextureMeasure);
                if (batch.IsFull || i == prepared.Layout.Count - 1)
                {
                    windows += batch.Count;
                    batch.Clear();
                }
            }

            return windows;
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

        var read = Timing.MedianMs(files, ReadOnly, out _, out var readCpu, args.Warmup);
        var decode = Timing.MedianMs(files, DecodeOnly, out _, out var decodeCpu, args.Warmup);
        var full = Timing.MedianMs(files, Preprocess, out var minMax, out var fullCpu, args.Warmup);
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
            Note = $"wall (thread CPU) medians: all {full:0.00} ({fullCpu:0.00}) ms; file read alone {read:0.00} ({readCpu:0.00}) ms; "
                + $"read + decode (shrink up to {decodeOptions.MaxShrinkFactor}) {decode:0.00} ({decodeCpu:0.00}) ms; "
                + $"exposure, resample, focus and {batchSize}-window batches {full - decode:0.00} ({fullCpu - decodeCpu:0.00}) ms",
        };
    }
}
