using System.Runtime.CompilerServices;

namespace ColonyQc.Synthetic.Randomness;

/// <summary>
/// A small, fast, fully specified pseudo-random generator (xoshiro256**, seeded through
/// SplitMix64). <see cref="System.Random"/> is not used because its algorithm may change between
/// .NET versions, and the simulator promises the same bytes for the same seed forever.
/// Every field, plate and noise row gets its own stream from <see cref="Derive"/>, so rendering
/// order and thread count never change the output.
/// </summary>
internal sealed class FieldRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Creates a generator whose whole state is expanded from <paramref name="seed"/>.</summary>
    public FieldRandom(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>
    /// A seed for an independent stream named by (seed, purpose, index): for example the field
    /// with index 17 of a data set, or row 300 of that field's sensor noise.
    /// </summary>
    public static ulong Derive(ulong seed, ulong purpose, long index)
    {
        var x = seed ^ (purpose * 0xD1B54A32D192ED03UL);
        var a = SplitMix(ref x);
        x = a ^ ((ulong)index * 0x9E3779B97F4A7C15UL);
        return SplitMix(ref x);
    }

    /// <summary>The next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextBits()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextBits() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double Uniform(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>Log-uniform in [<paramref name="min"/>, <paramref name="max"/>): equal odds per octave, for sizes and gains.</summary>
    public double LogUniform(double min, double max) => Math.Exp(Uniform(Math.Log(min), Math.Log(max)));

    /// <summary>Uniform integer in [0, <paramref name="count"/>).</summary>
    public int Next(int count) => (int)((NextBits() >> 33) * (ulong)count >> 31);

    /// <summary>Uniform integer in [<paramref name="min"/>, <paramref name="max"/>] inclusive.</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    /// <summary>True with probability <paramref name="probability"/>.</summary>
    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>A standard normal deviate (Box-Muller; used for scene parameters, not per pixel).</summary>
    public double Normal()
    {
        var u = 1.0 - NextDouble();
        var v = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }

    /// <summary>
    /// An approximately standard normal deviate from one 64-bit draw (sum of four 16-bit uniforms,
    /// Irwin-Hall, rescaled to unit variance): cheap enough for per-pixel sensor noise, and its
    /// tails stop at about 3.5 sigma, which is harmless for camera noise.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float FastNormal()
    {
        var bits = NextBits();
        var sum = (bits & 0xFFFF) + ((bits >> 16) & 0xFFFF) + ((bits >> 32) & 0xFFFF) + (bits >> 48);
        // Each 16-bit uniform has mean 32767.5 and variance 65536^2/12; four of them: variance 65536^2/3.
        const float Scale = 1.7320508f / 65536f;
        return (sum - 131070f) * Scale;
    }

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
