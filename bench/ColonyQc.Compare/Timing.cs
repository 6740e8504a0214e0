using System.Diagnostics;

namespace ColonyQc.Compare;

/// <summary>Per-image timing on the calling thread.</summary>
public static class Timing
{
    /// <summary>
    /// Runs <paramref name="work"/> on <paramref name="warmup"/> files untimed, then on every file
    /// timed one by one; returns the median milliseconds and the fastest and slowest.
    /// </summary>
    public static double MedianMs(IReadOnlyList<string> files, Func<string, int> work, out double[] minMax, int warmup = 2)
    {
        foreach (var f in files.Take(warmup))
        {
            work(f);
        }

        var times = new double[files.Count];
        for (var i = 0; i < files.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            work(files[i]);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        minMax = [times[0], times[^1]];
        return Median(times);
    }

    /// <summary>The median of sorted <paramref name="sorted"/>.</summary>
    public static double Median(IReadOnlyList<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
