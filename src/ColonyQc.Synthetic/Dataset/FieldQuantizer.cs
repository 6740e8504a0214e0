namespace ColonyQc.Synthetic.Dataset;

/// <summary>Turns a rendered intensity plane (fractions of full scale) into stored sample values.</summary>
public static class FieldQuantizer
{
    /// <summary>8-bit samples: round(v x 255).</summary>
    public static void To8Bit(ReadOnlySpan<float> intensities, Span<byte> samples)
    {
        CheckLengths(intensities.Length, samples.Length);
        for (var i = 0; i < intensities.Length; i++)
        {
            samples[i] = (byte)((Math.Clamp(intensities[i], 0f, 1f) * 255f) + 0.5f);
        }
    }

    /// <summary>
    /// 16-bit samples holding 12-bit camera counts in the top bits: round(v x 4095) x 16, so the
    /// full range is used (up to 65520) while the precision stays that of a 12-bit sensor.
    /// </summary>
    public static void To16Bit(ReadOnlySpan<float> intensities, Span<ushort> samples)
    {
        CheckLengths(intensities.Length, samples.Length);
        for (var i = 0; i < intensities.Length; i++)
        {
            var count = (int)((Math.Clamp(intensities[i], 0f, 1f) * 4095f) + 0.5f);
            samples[i] = (ushort)(count << 4);
        }
    }

    private static void CheckLengths(int intensities, int samples)
    {
        if (intensities != samples)
        {
            throw new ArgumentException($"sample buffer holds {samples} values but the plane has {intensities}");
        }
    }
}
