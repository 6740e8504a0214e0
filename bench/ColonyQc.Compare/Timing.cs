using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ColonyQc.Compare;

/// <summary>Per-image timing on the calling thread.</summary>
public static class Timing
{
    /// <summary>
    /// Runs <paramref name="work"/> on <paramref name="warmup"/> files untimed, then on every file
    /// timed one by one; returns the median milliseconds and the fastest and slowest.
    /// </summary>
    public static double MedianMs(IReadOnlyList<string> files, Func<string, int> work, out double[] minMax, int warmup = 2) =>
        MedianMs(files, work, out minMax, out _, warmup);

    /// <summary>
    /// As <see cref="MedianMs(IReadOnlyList{string}, Func{string, int}, out double[], int)"/>, and also
    /// the median of the thread's own CPU time per file (<paramref name="medianCpuMs"/>), which time
    /// the thread spends descheduled by other processes on a shared machine does not inflate.
    /// </summary>
    public static double MedianMs(IReadOnlyList<string> files, Func<string, int> work, out double[] minMax, out double medianCpuMs, int warmup = 2)
    {
        foreach (var f in files.Take(warmup))
        {
            work(f);
        }

        var times = new double[files.Count];
        var cpu = new double[files.Count];
        for (var i = 0; i < files.Count; i++)
        {
            var cpuStart = ThreadCpuMs();
            var start = Stopwatch.GetTimestamp();
            work(files[i]);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            cpu[i] = ThreadCpuMs() - cpuStart;
        }

        Array.Sort(times);
        Array.Sort(cpu);
        minMax = [times[0], times[^1]];
        medianCpuMs = Median(cpu);
        return Median(times);
    }

    /// <summary>The median of sorted <paramref name="sorted"/>.</summary>
    public static double Median(IReadOnlyList<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    /// <summary>CPU time the calling thread has used, in milliseconds (CLOCK_THREAD_CPUTIME_ID).</summary>
    public static double ThreadCpuMs()
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
