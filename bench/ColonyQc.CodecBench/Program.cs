using System.Diagnostics;
using System.Globalization;
using ColonyQc.CodecBench;
using ColonyQc.Inference.Imaging;

// Codec comparison behind docs/decisions/image-codec.md. Single thread, whole files in memory, median of N runs.
//   dotnet run --project bench/ColonyQc.CodecBench -c Release -- [--runs 25] [--allen DIR] [--allen-files 3]
var runs = 25;
var allenFiles = 3;
string? only = null;
string? allenDir = Environment.GetEnvironmentVariable("COLONYQC_SHARED_DATA") is { Length: > 0 } env ? Path.Combine(env, "allen-hipsc-brightfield") : null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--allen": allenDir = args[++i]; break;
        case "--allen-files": allenFiles = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--only": only = args[++i]; break;
        default: Console.Error.WriteLine($"unknown option {args[i]}; use --runs N, --allen DIR, --allen-files K, --only TEXT (rows whose input or codec contains TEXT)"); return 2;
    }
}

allenDir ??= FindAllen();
NetVips.NetVips.Concurrency = 1;
NetVips.Cache.Max = 0;
IBenchCodec[] codecs =
[
    new ColonyQcCodec(),
    new LibTiffCodec(),
    new NetVipsCodec(),
    new NetVipsCodec(shrinkOnLoad: true),
    new SkiaCodec(scaled: false),
    new SkiaCodec(scaled: true),
    new StbCodec(),
    new ImageSharpCodec(),
    new OpenCvCodec(reduced: false),
    new OpenCvCodec(reduced: true),
];
string? openCvProblem = null;
try
{
    OpenCvSharp.Cv2.SetNumThreads(1);
}
catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or BadImageFormatException)
{
    openCvProblem = e.GetBaseException().Message;
    codecs = [.. codecs.Where(c => c is not OpenCvCodec)];
}

var inputs = BenchFrames.Generate().ToList();
if (allenDir is not null && Directory.Exists(allenDir))
{
    foreach (var file in Directory.GetFiles(Path.Combine(allenDir, "tiles")).Order(StringComparer.Ordinal).Take(allenFiles))
    {
        inputs.Add(new BenchInput($"Allen tile {Path.GetFileName(file)[^28..^10]} (1958x1958 palette LZW+predictor)", "tiff", File.ReadAllBytes(file), BenchFrames.UmPerPixel));
    }

    // A real field as JPEG too: EVOS may save JPEG, and the simulated frame may compress unlike a micrograph.
    var firstTile = Directory.GetFiles(Path.Combine(allenDir, "tiles")).Order(StringComparer.Ordinal).First();
    using (var tile = ImageDecoder.DecodeFile(firstTile))
    {
        var jpeg = ColonyQc.Inference.Imaging.Encoding.JpegEncoder.Encode(tile.Pixels8, tile.Width, tile.Height, new ColonyQc.Inference.Imaging.Encoding.JpegEncoderOptions { Quality = 90 });
        inputs.Add(new BenchInput($"Allen tile {Path.GetFileName(firstTile)[^28..^10]} as JPEG q90", "jpeg", jpeg, BenchFrames.UmPerPixel));
    }

    foreach (var file in Directory.GetFiles(Path.Combine(allenDir, "wells")).Order(StringComparer.Ordinal).Take(Math.Max(1, allenFiles / 2)))
    {
        inputs.Add(new BenchInput($"Allen well {Path.GetFileName(file)[..10]} (1887x1887 raw 8-bit)", "tiff", File.ReadAllBytes(file), BenchFrames.UmPerPixel));
    }
}

var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# Codec benchmark {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {load} at start, .NET {Environment.Version}, {runs} runs, median ms, one thread"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# resample: shared area resampler to {Program.TargetUmPerPixel} um/px (0.86 um/px rows: 2048x1536 -> 1174x881)"));
if (openCvProblem is not null)
{
    Console.WriteLine($"# OpenCvSharp4 omitted: {openCvProblem}");
}

Console.WriteLine();
Console.WriteLine("| input | file MB | codec | decode ms | decode + resample ms | output | mean grey |");
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var input in inputs)
{
    using var probe = ImageDecoder.Decode(input.Bytes, input.Label);
    var targetWidth = (int)Math.Round(probe.Width * input.UmPerPixel / Program.TargetUmPerPixel);
    var targetHeight = (int)Math.Round(probe.Height * input.UmPerPixel / Program.TargetUmPerPixel);
    foreach (var codec in codecs.Where(c => c.CanDecode(input) && (only is null || input.Label.Contains(only, StringComparison.OrdinalIgnoreCase) || c.Name.Contains(only, StringComparison.OrdinalIgnoreCase))))
    {
        var resampler = new AreaResampler(targetWidth, targetHeight);
        string output;
        double mean;
        try
        {
            (output, mean) = Probe(codec, input);
        }
        catch (Exception e)
        {
            Console.WriteLine($"| {input.Label} | {input.Bytes.Length / 1e6:F2} | {codec.Name} | failed: {e.GetBaseException().Message.Split('\n')[0]} | | | |");
            continue;
        }

        var decode = Median(runs, () => codec.Decode(input, static (_, _, _, _) => { }));
        var full = Median(runs, () => codec.Decode(input, resampler.Resample));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {input.Label} | {input.Bytes.Length / 1e6:F2} | {codec.Name} | {decode:F2} | {full:F2} | {output} | {mean:F1} |"));
    }
}

return 0;

static (string Output, double Mean) Probe(IBenchCodec codec, BenchInput input)
{
    var output = string.Empty;
    double mean = 0;
    codec.Decode(input, (p8, p16, w, h) =>
    {
        output = $"{w}x{h} {(p16.IsEmpty ? 8 : 16)}-bit";
        double sum = 0;
        var n = w * h;
        for (var i = 0; i < n; i += 7)
        {
            sum += p16.IsEmpty ? p8[i] : p16[i] / 257.0;
        }

        mean = sum / ((n + 6) / 7);
    });
    return (output, mean);
}

static double Median(int runs, Action action)
{
    for (var i = 0; i < 3; i++)
    {
        action();
    }

    GC.Collect();
    var times = new double[runs];
    for (var i = 0; i < runs; i++)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    Array.Sort(times);
    return runs % 2 == 1 ? times[runs / 2] : (times[(runs / 2) - 1] + times[runs / 2]) / 2;
}

static string? FindAllen()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "..", "shared", "data", "allen-hipsc-brightfield");
        if (File.Exists(Path.Combine(dir.FullName, "ColonyQc.sln")) && Directory.Exists(candidate))
        {
            return Path.GetFullPath(candidate);
        }
    }

    return null;
}

/// <summary>Shared constants of the benchmark.</summary>
internal static partial class Program
{
    /// <summary>The scale every row is resampled to: about the model's canonical 1.5 um/px.</summary>
    public const double TargetUmPerPixel = 1.5;
}
