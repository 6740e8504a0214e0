using System.Runtime.InteropServices;
using ColonyQc.Inference;
using ColonyQc.Inference.Imaging;
using ColonyQc.Inference.Model;
using ColonyQc.Inference.Preprocessing;
using ColonyQc.Inference.Quality;

namespace ColonyQc.Compare.Contenders;

/// <summary>
/// Where one thread's preprocessing time goes, stage by stage, in the order the scoring path runs
/// them: file read and decode (one stage, as the library does it: an uncompressed TIFF's pixels stay
/// in the read buffer), exposure, resample, focus, windows normalised into the batch with their
/// texture; the read alone is timed on its own pass and reported beside them. Timed with the thread's CPU clock (CLOCK_THREAD_CPUTIME_ID), which other processes on
/// a shared machine disturb much less than the wall clock; one untimed pass warms caches and code.
/// </summary>
public static class StageProfile
{
    private static readonly string[] Stages = ["read-and-decode", "exposure", "resample", "focus", "windows"];

    /// <summary>Runs the profile; the per-stage medians go into the note.</summary>
    public static RunResult Run(CompareArguments args)
    {
        var files = ImageFolder.List(args.Directory);
        ModelManifest manifest;
        using (var classifier = ColonyClassifier.Load(args.RequireModel(), new ClassifierOptions { Threads = 1 }))
        {
            manifest = classifier.Manifest;
        }

        var decodeOptions = PreprocessContender.ScoringDecodeOptions(manifest, args.SourceUmPerPixel);
        var times = Stages.ToDictionary(s => s, _ => new List<double>());
        var totals = new List<double>();
        using var batch = WindowBatch.Rent(16, manifest.WindowSize);
        var readAlone = new List<double>();
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var path in files)
            {
                var r0 = ThreadCpuMs();
                PooledFileRead.Read(path).Dispose();
                if (pass == 1)
                {
                    readAlone.Add(ThreadCpuMs() - r0);
                }
            }
        }

        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var path in files)
            {
                var t0 = ThreadCpuMs();
                using var image = ImageDecoder.DecodeFile(path, decodeOptions);
                var t2 = ThreadCpuMs();
                ExposureMeter.Measure(image);
                var t3 = ThreadCpuMs();
                using var plane = CanonicalResampler.Resample(image, args.SourceUmPerPixel, manifest.UmPerPixel);
                var t4 = ThreadCpuMs();
                FocusMeter.VarianceOfLaplacian(plane);
                var t5 = ThreadCpuMs();
                var layout = WindowLayout.For(plane.Width, plane.Height, manifest.WindowSize, manifest.WindowStride);
                for (var i = 0; i < layout.Count; i++)
                {
                    if (batch.IsFull)
                    {
                        batch.Clear();
                    }

                    BatchWriter.Append(batch, plane, layout, i, manifest.Normalization);
                }

                batch.Clear();
                var t6 = ThreadCpuMs();
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

    private static double ThreadCpuMs()
    {
        // CLOCK_THREAD_CPUTIME_ID = 3 on Linux.
        _ = ClockGetTime(3, out var ts);
        return (ts.Seconds * 1e3) + (ts.Nanoseconds / 1e6);
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
