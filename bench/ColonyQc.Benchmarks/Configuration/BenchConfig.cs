using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ColonyQc.Benchmarks.Configuration;

/// <summary>
/// The configuration every run gets: MemoryDiagnoser (allocations per operation) and, unless the
/// command line names a job (the test suite passes <c>--job dry</c>), a short job sized for a
/// shared 2-core machine: few warm-ups, enough iterations for a median and its spread.
/// </summary>
public static class BenchConfig
{
    /// <summary>Builds the configuration for <paramref name="args"/>.</summary>
    public static IConfig For(IReadOnlyList<string> args)
    {
        var config = DefaultConfig.Instance
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithOptions(ConfigOptions.JoinSummary);
        if (args.Any(a => a is "--job" or "-j"))
        {
            return config;
        }

        var job = Job.Default
            .WithWarmupCount(3)
            .WithIterationCount(12)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250))
            .WithId("SharedMachine");

        // The command line's --inProcess only reaches jobs it defines itself; honour it for this one
        // too (building a separate benchmark project takes minutes on a loaded 2-core machine).
        if (args.Any(a => a is "--inProcess" or "-i"))
        {
            job = job.WithToolchain(InProcessEmitToolchain.Instance);
        }

        return config.AddJob(job);
    }
}
