using BenchmarkDotNet.Running;
using ColonyQc.Benchmarks.Configuration;

// Every benchmark of this assembly through BenchmarkSwitcher (`--filter '*'`, `--list flat`, ...).
// The exit code is non-zero when any benchmark failed to run, so the dry-run test catches rot.
var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(args, BenchConfig.For(args)).ToList();
var failed = summaries.Where(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)).ToList();
foreach (var summary in failed)
{
    foreach (var report in summary.Reports.Where(r => !r.Success))
    {
        Console.Error.WriteLine($"benchmark failed: {report.BenchmarkCase.DisplayInfo}");
    }

    foreach (var error in summary.ValidationErrors)
    {
        Console.Error.WriteLine($"validation error: {error.Message}");
    }
}

return failed.Count == 0 ? 0 : 1;
