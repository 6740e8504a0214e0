using System.Diagnostics;
using ColonyQc.BenchSupport;
using ColonyQc.Inference.Imaging;
using SkiaSharp;

namespace ColonyQc.Compare.Contenders;

/// <summary>
/// The decode floor: reading and decoding the same files at full size and nothing else, with the
/// fastest decoder available here for the format. Every candidate is timed on the first files on
/// one thread; the fastest then decodes the whole folder on the allowed threads (one image per
/// thread, each decoder held to one thread of its own).
/// </summary>
public static class DecodeFloorContender
{
    private const int PickFiles = 24;

    /// <summary>Runs the contender.</summary>
    public static RunResult Run(CompareArguments args)
    {
        var files = ImageFolder.List(args.Directory);
        NetVips.NetVips.Concurrency = 1;
        NetVips.Cache.Max = 0;
        var tiff = IsTiff(files[0]);
        var candidates = new List<(string Name, Func<string, int> Decode)>
        {
            ("colonyqc", DecodeColonyQc),
            ("netvips", DecodeNetVips),
        };
        if (tiff)
        {
            candidates.Add(("libtiff.net", p => PlainDecoder.DecodeTiff(File.ReadAllBytes(p)).Width));
        }
        else
        {
            candidates.Add(("skiasharp", DecodeSkia));
            candidates.Add(("stbimagesharp", p => PlainDecoder.DecodePngOrJpeg(File.ReadAllBytes(p)).Width));
        }

        var sample = files.Take(PickFiles).ToList();
        var medians = new List<(string Name, double Median, double[] MinMax)>();
        foreach (var (name, decode) in candidates)
        {
            try
            {
                // One untimed pass over the sample first: the timed pass then runs tiered-up code for every candidate.
                medians.Add((name, Timing.MedianMs(sample, decode, out var minMax, Math.Max(args.Warmup, sample.Count)), minMax));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                medians.Add((name, double.PositiveInfinity, []));
            }
        }

        var best = medians.MinBy(m => m.Median);
        if (double.IsPositiveInfinity(best.Median))
        {
            throw new InvalidDataException($"no decoder here reads {files[0]}");
        }

        var winner = candidates.First(c => c.Name == best.Name).Decode;
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = args.Threads }, f => winner(f));
        clock.Stop();
        return new RunResult
        {
            Contender = "decode-floor",
            Label = args.Label,
            Input = "decode",
            Threads = args.Threads,
            Images = files.Count,
            Seconds = clock.Elapsed.TotalSeconds,
            MedianMsPerImage = best.Median,
            MinMaxMsPerImage = best.MinMax,
            Note = $"fastest: {best.Name}; one-thread medians over {sample.Count} files: "
                + string.Join(", ", medians.Select(m => double.IsPositiveInfinity(m.Median) ? $"{m.Name} cannot read it" : $"{m.Name} {m.Median:0.00} ms")),
        };
    }

    private static bool IsTiff(string path)
    {
        Span<byte> header = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        stream.ReadExactly(header);
        return header.SequenceEqual("II*\0"u8) || header.SequenceEqual("MM\0*"u8);
    }

    private static int DecodeColonyQc(string path)
    {
        using var image = ImageDecoder.DecodeFile(path);
        return image.Width;
    }

    // Avg() forces libvips to decode every pixel without copying the result into a managed array.
    private static int DecodeNetVips(string path)
    {
        using var image = NetVips.Image.NewFromFile(path, access: NetVips.Enums.Access.Sequential);
        return (int)image.Avg();
    }

    private static int DecodeSkia(string path)
    {
        using var bitmap = SKBitmap.Decode(path) ?? throw new InvalidDataException($"SkiaSharp cannot read {path}");
        return bitmap.Width;
    }
}
