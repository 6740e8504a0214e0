using ColonyQc.Inference.Imaging;
using ColonyQc.Inference.Preprocessing;
using ColonyQc.Inference.Quality;

namespace ColonyQc.Compare.Contenders;

/// <summary>
/// Where one thread's preprocessing time goes, stage by stage, in the order the scoring path runs
/// them: file read and decode (one stage, as the library does it: an uncompressed TIFF's pixels stay
/// in the read buffer), exposure, resample, focus, windows normalised into the batch with their
/// texture, in batches of the scoring default; the read alone is timed on its own pass and reported
/// beside them. Timed with the thread's CPU clock (CLOCK_THREAD_CPUTIME_ID), which other processes
/// on a shared machine disturb much less than the wall clock; one untimed pass warms caches and code.
/// </summary>
public static class StageProfile
{
    private static readonly string[] Stages = ["read-and-decode", "exposure", "resample", "focus", "windows"];

    /// <summary>Runs the profile; the per-stage medians go into the note.</summary>
    public static RunResult Run(CompareArguments args)
    {
        var files = ImageFolder.List(args.Directory);
        var (manifest, batchSize, scoreOptions, decodeOptions) = ScoringSetup.For(args);
        var times = Stages.ToDictionary(s => s, _ => new List<double>());
        var totals = new List<double>();
        using var batch = WindowBatch.Rent(batchSize, manifest.WindowSize);
        var readAlone = new List<double>();
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var path in files)
            {
                var r0 = Timing.ThreadCpuMs();
                PooledFileRead.Read(path).Dispose();
                if (pass == 1)
                {
                    readAlone.Add(Timing.ThreadCpuMs() - r0);
                }
            }
        }

        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var path in files)
            {
                var t0 = Timing.ThreadCpuMs();
                using var image = ImageDecoder.DecodeFile(path, decodeOptions);
                var t2 = Timing.ThreadCpuMs();
                ExposureMeter.Measure(image);
                var t3 = Timing.ThreadCpuMs();
                using var plane = CanonicalResampler.Resample(image, args.SourceUmPerPixel, manifest.UmPerPixel);
                var t4 = Timing.ThreadCpuMs();
                FocusMeter.VarianceOfLaplacian(plane);
                var t5 = Timing.ThreadCpuMs();
                var layout = WindowLayout.For(plane.Width, plane.Height, manifest.WindowSize, manifest.WindowStride);
                for (var i = 0; i < layout.Count; i++)
                {
                    if (batch.IsFull)
                    {
                        batch.Clear();
                    }

                    BatchWriter.Append(batch, plane, layout, i, manifest.Normalization, manifest.QualityGate.TextureMeasure);
                }

                batch.Clear();
                var t6 = Timing.ThreadCpuMs();
                if (pass == 0)
                {
                    continue;
                }

                double[] stage = [t2 - t0, t3 - t2, t4 - t3, t5 - t4, t6 - t5];
                for (var s = 0; s < Stages.Length; s++)
                {
                    times[Stages[s]].Add(stage[s]);
                }

                totals.Add(t6 - t0);
            }
        }

        string Median(List<double> values)
        {
            values.Sort();
            return Timing.Median(values).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
        }

        totals.Sort();
        var total = Timing.Median(totals);
        return new RunResult
        {
            Contender = "colonyqc-stages",
            Label = args.Label,
            Input = "windows",
            Threads = 1,
            Images = files.Count,
            Seconds = total * files.Count / 1000,
            MedianMsPerImage = total,
            MinMaxMsPerImage = [totals[0], totals[^1]],
            Note = "thread-CPU ms per image, medians: " + string.Join(", ", Stages.Select(s => $"{s} {Median(times[s])}")) + $" (the read alone: {Median(readAlone)})",
        };
    }
}
