using ColonyQc.Synthetic.Randomness;

namespace ColonyQc.Synthetic.Rendering.Painting;

/// <summary>
/// The background every field has (faint coating and medium texture at two scales) and, for
/// contaminated fields, bacterial turbidity (fine grain in patches) or fungal filaments.
/// </summary>
internal static class BackgroundPainter
{
    /// <summary>Adds the faint background texture, plus turbidity when <paramref name="contamination"/> asks for it.</summary>
    public static void PaintTexture(FloatPlane signal, OpticsPlan optics, double umPerPixel, ContaminationKind contamination, ulong fieldSeed, FieldRandom random)
    {
        var px = (float)(1 / umPerPixel);
        var width = signal.Width;
        var height = signal.Height;
        var fine = new SmoothNoise(random, 0, 0, width, height, 7f * px);
        var coarse = new SmoothNoise(random, 0, 0, width, height, 60f * px);
        var patches = new SmoothNoise(random, 0, 0, width, height, 120f * px);
        var amplitude = (float)(optics.BackgroundTexture * optics.ContrastGain);
        var turbidity = contamination == ContaminationKind.Turbid ? (float)(random.Uniform(0.05, 0.14) * optics.ContrastGain) : 0f;
        var fineRow = new NoiseRowBuffer(fine, width);
        var coarseRow = new NoiseRowBuffer(coarse, width);
        var patchRow = new NoiseRowBuffer(patches, width);
        for (var y = 0; y < height; y++)
        {
            var row = signal.Row(y);
            var f = fineRow.Load(y, 0, width);
            var g = coarseRow.Load(y, 0, width);
            for (var x = 0; x < width; x++)
            {
                row[x] += amplitude * (f[x] + (0.8f * g[x]));
            }

            if (turbidity > 0f)
            {
                // Bacteria are about 1-2 um: at these scales a pixel-level grain, softened by the
                // point spread later, denser in drifting patches.
                var grain = new FieldRandom(FieldRandom.Derive(fieldSeed, StreamPurpose.Contamination, y));
                var p = patchRow.Load(y, 0, width);
                for (var x = 0; x < width; x++)
                {
                    var density = 0.55f + (0.45f * p[x]);
                    row[x] += turbidity * density * grain.FastNormal();
                }
            }
        }
    }

    /// <summary>Draws fungal hyphae: a few long, slowly turning, occasionally branching dark filaments.</summary>
    public static void PaintFilaments(FloatPlane signal, OpticsPlan optics, double umPerPixel, FieldRandom random)
    {
        var px = (float)(1 / umPerPixel);
        var contrast = (float)optics.ContrastGain;
        var hyphae = random.Between(3, 14);
        var pending = new Stack<(float X, float Y, float Angle, float Length)>();
        for (var i = 0; i < hyphae; i++)
        {
            pending.Push(((float)random.Uniform(0, signal.Width), (float)random.Uniform(0, signal.Height), (float)random.Uniform(0, 2 * Math.PI), (float)random.Uniform(250, 1500) * px));
        }

        var width = (float)random.Uniform(1.2, 2.5) * px;
        var amplitude = -(float)random.Uniform(0.15, 0.35) * contrast;
        var step = MathF.Max(1f, width * 0.7f);
        var branches = 0;
        while (pending.Count > 0)
        {
            var (x, y, angle, length) = pending.Pop();
            for (var travelled = 0f; travelled < length; travelled += step)
            {
                EllipseStamp.Add(signal, x, y, width, width, 0, amplitude, StampProfile.Soft);
                angle += (float)(0.06 * random.Normal());
                x += step * MathF.Cos(angle);
                y += step * MathF.Sin(angle);
                if (branches < 40 && random.Chance(0.004))
                {
                    branches++;
                    pending.Push((x, y, angle + ((random.Chance(0.5) ? 1 : -1) * (float)random.Uniform(0.4, 1.1)), (length - travelled) * 0.6f));
                }
            }
        }
    }
}
