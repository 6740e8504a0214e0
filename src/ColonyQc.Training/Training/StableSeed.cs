namespace ColonyQc.Training.Training;

/// <summary>
/// Derives seeds from a run's seed and indices, the same in every process. <see cref="HashCode.Combine{T1, T2}"/>
/// is randomised per process, so seeds made with it give a different model each time the same command runs.
/// </summary>
internal static class StableSeed
{
    /// <summary>A seed for (<paramref name="seed"/>, <paramref name="a"/>, <paramref name="b"/>): SplitMix64 over the three.</summary>
    public static int Mix(int seed, long a, long b = 0)
    {
        var x = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL);
        x = Step(x ^ (ulong)a);
        x = Step(x ^ (ulong)b);
        return (int)(x >> 33);
    }

    private static ulong Step(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
