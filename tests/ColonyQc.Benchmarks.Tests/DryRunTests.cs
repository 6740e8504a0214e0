using System.Diagnostics;
using System.Text.RegularExpressions;
using ColonyQc.TestSupport;
using Xunit;

namespace ColonyQc.Benchmarks.Tests;

/// <summary>
/// Runs every BenchmarkDotNet benchmark once (the Dry job, in process, on a small field) so that a
/// change to an API the benchmarks use, or a benchmark that throws, fails the test suite instead of
/// rotting unnoticed until someone measures.
/// </summary>
public sealed partial class DryRunTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Every_benchmark_runs_once_with_the_dry_job()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
        var output = Path.Combine(SharedData.RepositoryRoot, "bench", "ColonyQc.Benchmarks", "bin", configuration, "net10.0", "linux-x64");
        var dll = Path.Combine(output, "ColonyQc.Benchmarks.dll");
        Assert.True(File.Exists(dll), $"the benchmark project was not built: {dll} is missing");
        var artifacts = Directory.CreateTempSubdirectory("colonyqc-bench-dry-");
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = output,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { "exec", dll, "--job", "dry", "--inProcess", "--filter", "*", "--artifacts", artifacts.FullName })
            {
                start.ArgumentList.Add(a);
            }

            // A small field keeps the whole run short; the code paths are the same as at 2048x1536.
            start.Environment["COLONYQC_BENCH_FIELD"] = "320x240";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Limit);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"the dry run took longer than {Limit.TotalMinutes} minutes");
            }

            var log = await stdout + await stderr;
            Assert.True(process.ExitCode == 0, $"the dry run failed (exit {process.ExitCode}):\n{Tail(log)}");
            var found = FoundPattern().Match(log);
            Assert.True(found.Success, "BenchmarkDotNet did not report how many benchmarks it found:\n" + Tail(log));
            Assert.True(int.Parse(found.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 30, $"too few benchmarks ran: {found.Value}");
            Assert.DoesNotContain("benchmark failed:", log, StringComparison.Ordinal);
        }
        finally
        {
            artifacts.Delete(recursive: true);
        }
    }

    private static string Tail(string log) => log.Length <= 6000 ? log : log[^6000..];

    [GeneratedRegex(@"Found (\d+) benchmark\(s\) in total")]
    private static partial Regex FoundPattern();
}
