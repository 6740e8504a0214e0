using ColonyQc.Synthetic;
using ColonyQc.Synthetic.Rendering;

namespace ColonyQc.Benchmarks.Corpus;

/// <summary>
/// One simulated phase-contrast field (a mixed, differentiating one: colonies, background texture,
/// debris and camera noise), quantised to 8 and 16 bits. Realistic content matters for the
/// compressed formats: their decode time depends on what the image holds.
/// </summary>
public sealed class SimulatedField
{
    private SimulatedField(int width, int height, byte[] samples8, ushort[] samples16)
    {
        Width = width;
        Height = height;
        Samples8 = samples8;
        Samples16 = samples16;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The field as 8-bit grey.</summary>
    public byte[] Samples8 { get; }

    /// <summary>The field as 16-bit grey (the full 0-65535 range).</summary>
    public ushort[] Samples16 { get; }

    /// <summary>Renders the field with a fixed seed (the same field on every run).</summary>
    public static SimulatedField Render(int width, int height)
    {
        var field = ColonySimulator.Render(new FieldRequest
        {
            Label = ColonyClass.Differentiating,
            Width = width,
            Height = height,
            UmPerPixel = FieldSize.SourceUmPerPixel,
            Seed = 20261202,
            Index = 7,
            EmptyFieldProbability = 0,
        });
        var samples8 = new byte[field.Pixels.Length];
        var samples16 = new ushort[field.Pixels.Length];
        for (var i = 0; i < field.Pixels.Length; i++)
        {
            var v = Math.Clamp(field.Pixels[i], 0f, 1f);
            samples8[i] = (byte)MathF.Round(v * 255f);
            samples16[i] = (ushort)MathF.Round(v * 65535f);
        }

        return new SimulatedField(width, height, samples8, samples16);
    }
}
