using ColonyQc.Synthetic.Randomness;

namespace ColonyQc.Synthetic.Rendering.Painting;

/// <summary>
/// Draws a <see cref="ColonyLook"/> for a class, after DESIGN.md's definitions. Ranges are wide
/// and overlap between classes wherever the definition allows (size, thickness, contrast), so
/// the class shows in morphology, not in one global number.
/// </summary>
internal static class ColonyLooks
{
    /// <summary>A look for a colony of <paramref name="colonyClass"/> with radius <paramref name="radiusUm"/>.</summary>
    public static ColonyLook Draw(ColonyClass colonyClass, double radiusUm, FieldRandom random) => colonyClass switch
    {
        ColonyClass.Good => Good(random),
        ColonyClass.Differentiating => Differentiating(random),
        ColonyClass.Abnormal => Abnormal(radiusUm, random),
        _ => throw new ArgumentOutOfRangeException(nameof(colonyClass), colonyClass, "not a colony class"),
    };

    /// <summary>
    /// Compact, flat, evenly thick; sharp border with a bright halo; small tightly packed cells
    /// (high nucleus-to-cytoplasm ratio, prominent nucleoli) giving a fine, even granularity.
    /// </summary>
    private static ColonyLook Good(FieldRandom random) => new()
    {
        EdgeWidthUm = random.Uniform(0.8, 2.2),
        HaloAmplitude = random.Uniform(0.22, 0.6),
        HaloWidthUm = random.Uniform(2.5, 6),
        Thickness = random.Uniform(-0.02, 0.12),
        ThicknessVariation = random.Uniform(0.02, 0.12),
        CellSpacingUm = random.Uniform(8.5, 12),
        TextureContrast = random.Uniform(0.09, 0.22),
        LightPatchAmplitude = 0,

        // Healthy cultures shed a few dead cells too (the shared real tiles show them on and around good
        // colonies): a handful is not abnormal, the heavy load of DESIGN.md's abnormal class is.
        DeadCellCount = random.Chance(0.5) ? random.Between(1, 10) : 0,
    };

    /// <summary>
    /// Border loses definition (ragged, frayed, spreading, weak halo); large flat cells with
    /// more cytoplasm from the periphery inwards; spindle or cobblestone cells; gaps; lighter,
    /// coarser, uneven texture. The compact core shrinks from most of the colony to nothing.
    /// </summary>
    private static ColonyLook Differentiating(FieldRandom random)
    {
        var core = random.Chance(0.2) ? 0 : random.Uniform(0.15, 0.7);
        return new ColonyLook
        {
            EdgeWidthUm = random.Uniform(6, 25),
            EdgeFrayUm = random.Uniform(6, 22),
            HaloAmplitude = random.Uniform(0, 0.12),
            HaloWidthUm = random.Uniform(3, 8),
            Thickness = random.Uniform(0.03, 0.16),
            ThicknessVariation = random.Uniform(0.25, 0.6),
            CellSpacingUm = random.Uniform(9, 13),
            TextureContrast = random.Uniform(0.1, 0.24),
            CompactCoreFraction = core,
            FlatCellSpacingUm = random.Uniform(18, 34),
            GapFraction = random.Uniform(0.08, 0.3),
            SpindleReach = random.Uniform(0.12, 0.45),
            SpindleFraction = random.Uniform(0.15, 0.85),
            LightPatchAmplitude = random.Uniform(0.05, 0.16),
        };
    }

    /// <summary>
    /// Not healthy in either way: at least one of a dark dense necrotic centre, fragmentation
    /// with holes, vacuoles or cysts; often with many rounded dead cells around it.
    /// </summary>
    private static ColonyLook Abnormal(double radiusUm, FieldRandom random)
    {
        bool necrotic, holes, vacuoles;
        do
        {
            necrotic = random.Chance(0.6);
            holes = random.Chance(0.45);
            vacuoles = random.Chance(0.4);
        }
        while (!(necrotic || holes || vacuoles));

        var areaScale = Math.Clamp(radiusUm * radiusUm / (250.0 * 250.0), 0.15, 4);
        return new ColonyLook
        {
            EdgeWidthUm = random.Uniform(1.5, 7),
            EdgeFrayUm = holes ? random.Uniform(2, 8) : random.Uniform(0, 3),
            HaloAmplitude = random.Uniform(0.1, 0.45),
            HaloWidthUm = random.Uniform(3, 7),
            Thickness = random.Uniform(0.02, 0.2),
            ThicknessVariation = random.Uniform(0.15, 0.45),
            CellSpacingUm = random.Uniform(7.5, 11),
            TextureContrast = random.Uniform(0.1, 0.24),
            NecrosisDarkness = necrotic ? random.Uniform(0.25, 0.65) : 0,
            NecrosisFraction = random.Uniform(0.3, 0.7),
            HoleFraction = holes ? random.Uniform(0.12, 0.35) : 0,
            HoleScaleUm = random.Uniform(25, 90),
            VacuoleCount = vacuoles ? (int)(random.Uniform(12, 60) * areaScale) : 0,
            DeadCellCount = random.Chance(0.75) ? (int)(random.Uniform(40, 220) * areaScale) : (int)(random.Uniform(0, 20) * areaScale),
            FragmentCount = holes ? random.Between(1, 6) : random.Between(0, 2),
        };
    }
}
