using ColonyQc.Synthetic.Randomness;
using ColonyQc.Synthetic.Rendering.Painting;

namespace ColonyQc.Synthetic.Rendering;

/// <summary>
/// Decides what a field contains: optics and camera, how many colonies of which classes where,
/// how much debris, contamination. Every range is physical (micrometres, colonies per mm2) so a
/// 10x field is a zoomed-in view of the same kind of culture as a 4x field.
/// </summary>
internal static class ScenePlanner
{
    public static FieldScene Plan(FieldRequest request, FieldRandom random)
    {
        var optics = PlanOptics(request, random);
        var um = request.UmPerPixel;
        var areaMm2 = request.Width * um * request.Height * um / 1e6;
        var colonies = new List<ColonyPlan>();
        var empty = request.Label == ColonyClass.Good && random.Chance(request.EmptyFieldProbability);
        if (!empty)
        {
            // The key colony carries the field's label, so its centre is kept well inside the frame.
            var keyRadius = random.LogUniform(60, 480) / um;
            var keyX = random.Uniform(0.12, 0.88) * request.Width;
            var keyY = random.Uniform(0.12, 0.88) * request.Height;
            colonies.Add(PlanColony(request.Label, keyX, keyY, keyRadius, um, random));

            var density = random.LogUniform(0.4, 4);
            var others = Math.Min(10, Poisson(density * areaMm2, random));
            for (var i = 0; i < others; i++)
            {
                var colonyClass = CompanionClass(request.Label, random);
                var radius = random.LogUniform(40, 420) / um;
                for (var attempt = 0; attempt < 25; attempt++)
                {
                    var x = random.Uniform(-0.5 * radius, request.Width + (0.5 * radius));
                    var y = random.Uniform(-0.5 * radius, request.Height + (0.5 * radius));
                    if (Overlaps(colonies, x, y, radius))
                    {
                        continue;
                    }

                    colonies.Add(PlanColony(colonyClass, x, y, radius, um, random));
                    break;
                }
            }
        }

        var heavy = request.Label == ColonyClass.Abnormal && random.Chance(0.6);
        var debrisFactor = heavy ? random.Uniform(3, 10) : 1;
        var specks = (int)(random.LogUniform(15, 120) * areaMm2 * debrisFactor);
        var deadCells = (int)(random.LogUniform(2, 25) * areaMm2 * debrisFactor);
        var contamination = request.Label == ColonyClass.Abnormal && random.Chance(0.3)
            ? (random.Chance(0.5) ? ContaminationKind.Turbid : ContaminationKind.Filaments)
            : ContaminationKind.None;
        return new FieldScene(optics, colonies, specks, deadCells, contamination);
    }

    private static OpticsPlan PlanOptics(FieldRequest request, FieldRandom random)
    {
        // Set-up shared by a plate scan: one lamp, one phase ring alignment, one camera setting.
        var group = request.AcquisitionGroup is { } id
            ? new FieldRandom(FieldRandom.Derive(request.Seed, StreamPurpose.AcquisitionGroup, id))
            : random;
        var modes = request.Modes;
        var mode = modes[group.Next(modes.Count)];
        var exposure = group.Uniform(0.3, 0.72);

        // Contrast of the specimen by mode: phase rings make cells contrasty; an in-focus plate imager in
        // bright field sees transparent cells at a few per cent of the background (the shared real tiles).
        var contrast = mode switch
        {
            ImagingMode.BrightField => group.LogUniform(0.4, 1.2),
            ImagingMode.Relief => group.LogUniform(0.5, 1.5),
            _ => group.LogUniform(0.45, 1.8),
        };
        var fullWell = group.LogUniform(2500, 20000);
        var readNoise = group.Uniform(2, 9);
        var gradientRange = mode == ImagingMode.BrightField ? 0.04 : 0.15;
        var gradientX = group.Uniform(-gradientRange, gradientRange);
        var gradientY = group.Uniform(-gradientRange, gradientRange);
        // Plate imagers flat-field their tiles; EVOS-style phase fields keep the lamp's fall-off.
        var vignetting = mode == ImagingMode.BrightField ? group.Uniform(0, 0.08) : group.Uniform(0, 0.35);
        var halo = mode switch
        {
            ImagingMode.PhaseContrast => group.Uniform(0.35, 1.4),
            ImagingMode.BrightField => group.Uniform(-0.4, 0.4),
            _ => group.Uniform(-0.15, 0.15),
        };
        var bodyGain = mode switch
        {
            ImagingMode.PhaseContrast => group.Uniform(0.5, 1.4),
            _ => group.Uniform(-0.6, 1.0),
        };
        var borderSign = group.Chance(0.5) ? 1 : -1;
        var cellBorders = mode switch
        {
            ImagingMode.BrightField => borderSign * group.Uniform(0.3, 1.2),
            ImagingMode.Relief => borderSign * group.Uniform(0, 0.8),
            _ => borderSign * group.Uniform(0, 0.7),
        };
        var textureGain = group.LogUniform(0.5, 1.8);
        var granularity = mode == ImagingMode.BrightField ? group.Uniform(0.8, 2.2) : group.Uniform(0, 0.8);
        var reliefAngle = group.Uniform(0, 2 * Math.PI);
        var reliefStrength = group.LogUniform(0.3, 1.0);

        // The field's own variation within that set-up.
        var defocus = random.NextDouble() switch
        {
            < 0.7 => random.Uniform(0, 0.8),
            < 0.95 => random.Uniform(0.8, 2),
            _ => random.Uniform(2, 3.5),
        };
        var pointSpread = random.Uniform(0.6, 1.1);
        return new OpticsPlan(
            Exposure: exposure * random.LogUniform(0.9, 1.1),
            GradientX: gradientX + (0.03 * random.Normal()),
            GradientY: gradientY + (0.03 * random.Normal()),
            Vignetting: vignetting,
            ContrastGain: contrast * random.LogUniform(0.85, 1.18),
            HaloGain: halo * random.LogUniform(0.85, 1.18),
            Mode: mode,
            BlurSigmaPixels: Math.Sqrt((pointSpread * pointSpread) + (defocus * defocus)),
            FullWellElectrons: fullWell,
            ReadNoiseElectrons: readNoise,
            BackgroundTexture: random.LogUniform(0.002, 0.03))
        {
            BodyGain = bodyGain,
            CellBorderGain = cellBorders,
            Granularity = granularity,
            TextureGain = textureGain * random.LogUniform(0.9, 1.1),
            ReliefAngle = reliefAngle,
            ReliefStrength = reliefStrength,
        };
    }

    private static ColonyPlan PlanColony(ColonyClass colonyClass, double x, double y, double radiusPixels, double um, FieldRandom random)
    {
        var colonyRandom = new FieldRandom(random.NextBits());
        var (elongation, facets, raggedness, protrusions) = colonyClass switch
        {
            ColonyClass.Good => (colonyRandom.Uniform(0, 0.3), colonyRandom.Uniform(0.03, 0.24), 0.0, 0),
            ColonyClass.Differentiating => (colonyRandom.Uniform(0, 0.35), colonyRandom.Uniform(0.06, 0.2), colonyRandom.Uniform(0.04, 0.14), colonyRandom.Between(2, 10)),
            _ => (colonyRandom.Uniform(0, 0.3), colonyRandom.Uniform(0.05, 0.18), colonyRandom.Uniform(0, 0.06), colonyRandom.Between(0, 3)),
        };
        var outline = new ColonyOutline(colonyRandom, (float)x, (float)y, (float)radiusPixels, elongation, facets, raggedness, protrusions);
        var look = ColonyLooks.Draw(colonyClass, radiusPixels * um, colonyRandom);
        return new ColonyPlan(colonyClass, outline, look, colonyRandom.NextBits());
    }

    /// <summary>Other colonies in a field: never worse than the field's label, often better.</summary>
    private static ColonyClass CompanionClass(ColonyClass label, FieldRandom random) => label switch
    {
        ColonyClass.Good => ColonyClass.Good,
        ColonyClass.Differentiating => random.Chance(0.5) ? ColonyClass.Differentiating : ColonyClass.Good,
        _ => random.NextDouble() switch
        {
            < 0.4 => ColonyClass.Abnormal,
            < 0.7 => ColonyClass.Differentiating,
            _ => ColonyClass.Good,
        },
    };

    private static bool Overlaps(List<ColonyPlan> colonies, double x, double y, double radius)
    {
        foreach (var colony in colonies)
        {
            var dx = x - colony.Outline.CentreX;
            var dy = y - colony.Outline.CentreY;
            var reach = colony.Outline.MaxRadius * (1 + colony.Look.SpindleReach);
            if (Math.Sqrt((dx * dx) + (dy * dy)) < 1.05 * (reach + radius))
            {
                return true;
            }
        }

        return false;
    }

    private static int Poisson(double mean, FieldRandom random)
    {
        // Knuth's method: fine for the small means used here.
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = random.NextDouble();
        while (p > limit && k < 64)
        {
            k++;
            p *= random.NextDouble();
        }

        return k;
    }
}
