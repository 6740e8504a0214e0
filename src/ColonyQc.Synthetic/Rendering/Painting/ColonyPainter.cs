using ColonyQc.Synthetic.Randomness;

namespace ColonyQc.Synthetic.Rendering.Painting;

/// <summary>
/// Paints one colony into the specimen signal plane (relative intensity around the background):
/// first the body (thickness, border, halo, patches, holes, dark centre) pixel by pixel inside
/// the colony's box, then its cells as stamps on a jittered hexagonal lattice, then the abnormal
/// features. Returns the box of pixels that belong to the colony, for the annotations.
/// </summary>
internal static class ColonyPainter
{
    /// <summary>Paints <paramref name="plan"/>; returns the colony's pixel bounds (empty when it misses the frame).</summary>
    public static PixelBounds Paint(FloatPlane signal, ColonyPlan plan, OpticsPlan optics, double umPerPixel)
    {
        var random = new FieldRandom(plan.TextureSeed);
        var context = new ColonyContext(signal, plan, optics, umPerPixel, random);
        var bounds = PaintBody(context);
        PaintCompactCells(context);
        if (plan.Look.CompactCoreFraction < 1.5)
        {
            PaintFlatCells(context, ref bounds);
        }

        AbnormalFeatures.Paint(context, ref bounds);
        return bounds;
    }

    private static PixelBounds PaintBody(ColonyContext c)
    {
        var look = c.Look;
        var outline = c.Outline;
        var scale = (float)c.UmPerPixel;
        var edgeWidth = (float)look.EdgeWidthUm;
        var fray = (float)look.EdgeFrayUm;
        var haloWidth = (float)look.HaloWidthUm;
        var haloReach = (haloWidth * 6f) + edgeWidth + (2f * fray);
        var (x0, y0, x1, y1) = c.Box(outline.MaxRadius + (haloReach / scale));
        var bounds = PixelBounds.Empty;
        if (x0 > x1 || y0 > y1)
        {
            return bounds;
        }

        var contrast = (float)c.Optics.ContrastGain;
        var haloAmplitude = (float)look.HaloAmplitude * (float)c.Optics.HaloGain * contrast;
        var haloInside = -3f * 0.6f * haloWidth;
        var thickness = (float)(look.Thickness * c.Optics.BodyGain);
        var variation = (float)look.ThicknessVariation;
        var core = (float)look.CompactCoreFraction;
        var flattening = core < 1.5f;
        var patches = (float)look.LightPatchAmplitude;
        var necrosis = (float)look.NecrosisDarkness;
        var necrosisRadius = (float)look.NecrosisFraction;
        var holeThreshold = HoleThreshold(look.HoleFraction);
        var holes = holeThreshold < 1f;
        var holeScale = (float)look.HoleScaleUm;

        var length = x1 - x0 + 1;
        var boxHeight = y1 - y0 + 1f;
        NoiseRowBuffer Noise(float cellUm) => new(new SmoothNoise(c.Random, x0, y0, length, boxHeight, cellUm / scale), length);
        var thicknessNoise = Noise(70f);
        var patchNoise = Noise(45f);
        var frayNoise = Noise(14f);
        var frayCoarse = Noise(40f);
        var holeNoise = Noise(Math.Max(holeScale, 1f));
        var necrosisNoise = Noise(outline.MeanRadius * 0.35f * scale);

        for (var y = y0; y <= y1; y++)
        {
            var row = c.Signal.Row(y).Slice(x0, length);
            var dy = y - outline.CentreY;
            var thick = thicknessNoise.Load(y, x0, length);
            var patch = flattening ? patchNoise.Load(y, x0, length) : default;
            var frayFine = fray > 0f ? frayNoise.Load(y, x0, length) : default;
            var frayBroad = fray > 0f ? frayCoarse.Load(y, x0, length) : default;
            var hole = holes ? holeNoise.Load(y, x0, length) : default;
            var necro = necrosis > 0f ? necrosisNoise.Load(y, x0, length) : default;
            for (var i = 0; i < length; i++)
            {
                var dx = x0 + i - outline.CentreX;
                var distance = MathF.Sqrt((dx * dx) + (dy * dy));
                var radius = outline.RadiusToward(dx, dy);
                var d = (distance - radius) * scale;
                if (d > haloReach)
                {
                    continue;
                }

                if (fray > 0f)
                {
                    d += fray * ((0.6f * frayFine[i]) + (0.4f * frayBroad[i]));
                }

                if (holes)
                {
                    // Inside a hole the noise exceeds the threshold; scaled, the excess acts as a
                    // distance to the hole's edge, so holes get the same border and halo as the colony.
                    d = MathF.Max(d, (hole[i] - holeThreshold) * holeScale * 0.5f);
                }

                var value = 0f;
                var coverage = Coverage(d, edgeWidth);
                if (coverage > 0f)
                {
                    var rho = distance / radius;
                    var body = -thickness * (1f + (variation * thick[i]));
                    if (flattening)
                    {
                        // Flattening from the periphery inwards: thinner (lighter) cells and light patches.
                        var flat = Smooth((rho - core) / 0.25f);
                        body *= 1f - (0.45f * flat);
                        body += patches * MathF.Max(0f, patch[i]) * (0.3f + flat);
                    }

                    if (necrosis > 0f)
                    {
                        var edge = (necrosisRadius * (1f + (0.45f * necro[i]))) - rho;
                        body -= necrosis * Smooth(edge / 0.12f);
                    }

                    value += coverage * body * contrast;
                    if (coverage >= 0.5f)
                    {
                        bounds.Include(x0 + i, y);
                    }
                }

                if (d >= 0f)
                {
                    value += haloAmplitude * MathF.Exp(-d / haloWidth);
                }
                else if (d > haloInside)
                {
                    value -= 0.45f * haloAmplitude * MathF.Exp(d / (0.6f * haloWidth));
                }

                row[i] += value;
            }
        }

        return bounds;
    }

    private static void PaintCompactCells(ColonyContext c)
    {
        var look = c.Look;
        var spacing = (float)(look.CellSpacingUm / c.UmPerPixel);
        var tex = (float)(look.TextureContrast * c.Optics.ContrastGain * c.Optics.TextureGain);
        var border = (float)(look.TextureContrast * c.Optics.ContrastGain * c.Optics.CellBorderGain);
        var granules = (float)(look.TextureContrast * c.Optics.ContrastGain * c.Optics.Granularity);
        var granuleSize = MathF.Max(0.5f, (float)(0.8 / c.UmPerPixel));
        var core = (float)look.CompactCoreFraction;
        var (x0, y0, x1, y1) = c.Box(c.Outline.MaxRadius);
        foreach (var (x, y) in HexLattice(x0, y0, x1, y1, spacing, c.Random))
        {
            var d = c.Outline.SignedDistance(x, y);
            if (d > -0.45f * spacing)
            {
                continue;
            }

            var rho = c.RelativeRadius(x, y);
            if (rho > core + (0.1f * c.Random.Uniform(-1, 1)))
            {
                continue;
            }

            // Tightly packed cells, nucleus filling most of each: a cell-sized patch of random
            // brightness (the cobbled, finely granular look), a grey nucleus and dark nucleoli.
            var angle = (float)c.Random.Uniform(0, Math.PI);
            EllipseStamp.Add(c.Signal, x, y, spacing * 0.62f, spacing * 0.55f, angle, tex * (float)c.Random.Uniform(-0.45, 0.45), StampProfile.Soft);
            var nucleus = spacing * (float)c.Random.Uniform(0.36, 0.46);
            EllipseStamp.Add(c.Signal, x, y, nucleus, nucleus * (float)c.Random.Uniform(0.72, 1), angle, -tex * (float)c.Random.Uniform(0.25, 0.6), StampProfile.Soft);
            StampNucleoli(c, x, y, nucleus, tex);
            if (granules != 0f)
            {
                // A few granules per cell, anywhere in its cytoplasm, each bright or dark.
                var count = c.Random.Between(1, 4);
                for (var g = 0; g < count; g++)
                {
                    var gx = x + (spacing * 0.45f * (float)c.Random.Uniform(-1, 1));
                    var gy = y + (spacing * 0.45f * (float)c.Random.Uniform(-1, 1));
                    var size = granuleSize * (float)c.Random.Uniform(0.7, 1.6);
                    EllipseStamp.Add(c.Signal, gx, gy, size, size, 0, granules * (float)c.Random.Uniform(-1, 1), StampProfile.Soft);
                }
            }

            if (border != 0f)
            {
                // The cell's membrane: a thin outline where neighbours meet, which bright field shows
                // as a fine polygonal network across the colony.
                EllipseStamp.Add(c.Signal, x, y, spacing * (float)c.Random.Uniform(0.48, 0.6), spacing * (float)c.Random.Uniform(0.4, 0.52), angle, border * (float)c.Random.Uniform(0.3, 1), StampProfile.Ring, 0.08f);
            }
        }
    }

    private static void PaintFlatCells(ColonyContext c, ref PixelBounds bounds)
    {
        var look = c.Look;
        var px = (float)(1 / c.UmPerPixel);
        var spacing = (float)look.FlatCellSpacingUm * px;
        // Flat, spread cells are thin but large: their outlines and nuclei stand out more than
        // the packed nuclei of the compact part.
        var tex = (float)(1.5 * look.TextureContrast * c.Optics.ContrastGain * c.Optics.TextureGain);
        var ring = c.Optics.Mode == ImagingMode.PhaseContrast
            ? tex * (float)Math.Max(0.3, c.Optics.HaloGain)
            : (float)(1.5 * look.TextureContrast * c.Optics.ContrastGain) * (float)(c.Optics.CellBorderGain + (0.5 * c.Optics.HaloGain));
        var core = (float)look.CompactCoreFraction;
        var reach = (float)look.SpindleReach;
        var outline = c.Outline;
        var (x0, y0, x1, y1) = c.Box(outline.MaxRadius * (1f + reach));
        foreach (var (x, y) in HexLattice(x0, y0, x1, y1, spacing, c.Random))
        {
            var dx = x - outline.CentreX;
            var dy = y - outline.CentreY;
            var distance = MathF.Sqrt((dx * dx) + (dy * dy));
            var radius = outline.RadiusToward(dx, dy);
            var rho = distance / radius;
            var beyond = (distance - radius) / radius;
            if (rho < core || c.Random.Chance(look.GapFraction))
            {
                continue;
            }

            var outward = MathF.Atan2(dy, dx);
            if (beyond > 0f)
            {
                // Outside the border only streaming spindles, thinning out with distance.
                if (beyond > reach || c.Random.Chance(beyond / reach))
                {
                    continue;
                }

                StampSpindle(c, x, y, outward, px, tex, ring);
                bounds.IncludeClipped(x - (spacing / 2), y - (spacing / 2), x + (spacing / 2), y + (spacing / 2), c.Signal.Width, c.Signal.Height);
                continue;
            }

            if (c.Random.Chance(look.SpindleFraction * Smooth((rho - 0.55f) / 0.3f)))
            {
                StampSpindle(c, x, y, outward, px, tex, ring);
            }
            else
            {
                // Cobblestone: a flat polygon-like cell with a bright outline and an obvious nucleus.
                var a = spacing * 0.5f * (float)c.Random.Uniform(0.85, 1.1);
                var b = a * (float)c.Random.Uniform(0.7, 1);
                var angle = (float)c.Random.Uniform(0, Math.PI);
                EllipseStamp.Add(c.Signal, x, y, a, b, angle, -tex * (float)c.Random.Uniform(0.15, 0.5), StampProfile.Soft);
                EllipseStamp.Add(c.Signal, x, y, a, b, angle, ring * (float)c.Random.Uniform(0.6, 1.1), StampProfile.Ring, 0.08f);
                var nucleus = (float)c.Random.Uniform(4, 6.5) * px;
                EllipseStamp.Add(c.Signal, x, y, nucleus, nucleus * 0.75f, angle, -tex * (float)c.Random.Uniform(0.8, 1.3), StampProfile.Soft);
                StampNucleoli(c, x, y, nucleus, tex);
            }
        }
    }

    private static void StampSpindle(ColonyContext c, float x, float y, float outward, float px, float tex, float ring)
    {
        var half = (float)c.Random.Uniform(13, 32) * px;
        var width = (float)c.Random.Uniform(2.5, 5) * px;
        var angle = outward + (float)(0.35 * c.Random.Normal());
        EllipseStamp.Add(c.Signal, x, y, half, width, angle, -tex * (float)c.Random.Uniform(0.6, 1.1), StampProfile.Soft);
        EllipseStamp.Add(c.Signal, x, y, half * 1.05f, width * 1.3f, angle, ring * (float)c.Random.Uniform(0.4, 0.8), StampProfile.Ring, 0.25f);
        EllipseStamp.Add(c.Signal, x, y, 5f * px, 3f * px, angle, -tex * 1.1f, StampProfile.Soft);
    }

    private static void StampNucleoli(ColonyContext c, float x, float y, float nucleus, float tex)
    {
        var count = c.Random.Chance(0.35) ? 2 : 1;
        var size = MathF.Max(0.6f, (float)(c.Random.Uniform(0.75, 1.3) / c.UmPerPixel));
        for (var i = 0; i < count; i++)
        {
            var ox = nucleus * 0.35f * (float)c.Random.Uniform(-1, 1);
            var oy = nucleus * 0.35f * (float)c.Random.Uniform(-1, 1);
            EllipseStamp.Add(c.Signal, x + ox, y + oy, size, size, 0, -tex * (float)c.Random.Uniform(0.9, 1.6), StampProfile.Soft);
        }
    }

    /// <summary>Sites of a hexagonal lattice with spacing <paramref name="spacing"/> over a box, each jittered by up to a quarter spacing.</summary>
    internal static IEnumerable<(float X, float Y)> HexLattice(int x0, int y0, int x1, int y1, float spacing, FieldRandom random)
    {
        var rowStep = spacing * 0.8660254f;
        var row = 0;
        for (var y = (float)y0; y <= y1; y += rowStep, row++)
        {
            var offset = (row & 1) == 0 ? 0f : spacing / 2f;
            for (var x = x0 + offset; x <= x1; x += spacing)
            {
                yield return (x + (spacing * 0.25f * (float)random.Uniform(-1, 1)), y + (spacing * 0.25f * (float)random.Uniform(-1, 1)));
            }
        }
    }

    /// <summary>The fraction of the colony covering a point at border distance <paramref name="d"/> um.</summary>
    private static float Coverage(float d, float edgeWidth) => Smooth(0.5f - (d / edgeWidth));

    /// <summary>Smoothstep of a value clamped to [0, 1].</summary>
    internal static float Smooth(float t)
    {
        t = Math.Clamp(t, 0f, 1f);
        return t * t * (3f - (2f * t));
    }

    /// <summary>
    /// The value-noise level exceeded on about <paramref name="fraction"/> of the area
    /// (the noise is roughly normal with standard deviation 0.33); 1 when there are no holes.
    /// </summary>
    private static float HoleThreshold(double fraction)
    {
        if (fraction <= 0)
        {
            return 1f;
        }

        // Inverse normal tail by a logistic approximation: z ~ ln((1 - p) / p) / 1.702.
        var z = Math.Log((1 - fraction) / fraction) / 1.702;
        return (float)(0.33 * z);
    }
}
