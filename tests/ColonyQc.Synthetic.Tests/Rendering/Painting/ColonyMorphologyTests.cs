using ColonyQc.Synthetic.Randomness;
using ColonyQc.Synthetic.Rendering;
using ColonyQc.Synthetic.Rendering.Painting;
using Xunit;

namespace ColonyQc.Synthetic.Tests.Rendering.Painting;

/// <summary>
/// The classes differ in the ways DESIGN.md defines: measured on single colonies painted with
/// neutral optics (no noise, no blur), so the test sees the morphology and nothing else.
/// </summary>
public sealed class ColonyMorphologyTests
{
    private const double Um = 0.86;
    private const int Size = 900;
    private static readonly OpticsPlan Neutral = new(0.5, 0, 0, 0, ContrastGain: 1, HaloGain: 1, Mode: ImagingMode.PhaseContrast, BlurSigmaPixels: 0, FullWellElectrons: 1e9, ReadNoiseElectrons: 0, BackgroundTexture: 0);

    [Fact]
    public void Good_borders_are_sharp_with_a_bright_halo_and_differentiating_borders_are_diffuse()
    {
        var good = Enumerable.Range(0, 6).Select(i => Profile(ColonyClass.Good, i)).ToArray();
        var differentiating = Enumerable.Range(0, 6).Select(i => Profile(ColonyClass.Differentiating, i)).ToArray();

        var goodSharpness = good.Average(p => p.Sharpness);
        var differentiatingSharpness = differentiating.Average(p => p.Sharpness);
        Assert.True(goodSharpness > 2.5 * differentiatingSharpness, $"edge steepness good {goodSharpness:F3}/um vs differentiating {differentiatingSharpness:F3}/um");
        Assert.All(good, p => Assert.True(p.Halo > 0.08, $"good halo just outside the border {p.Halo:F3}"));
        Assert.True(good.Average(p => p.Halo) > 3 * differentiating.Average(p => Math.Max(p.Halo, 0.001)), "halo good vs differentiating");
    }

    [Fact]
    public void Necrotic_abnormal_centres_are_darker_than_good_centres()
    {
        var abnormal = new List<double>();
        for (var i = 0; abnormal.Count < 5 && i < 60; i++)
        {
            var (plan, plane) = Paint(ColonyClass.Abnormal, i);
            using (plane)
            {
                if (plan.Look.NecrosisDarkness > 0.3)
                {
                    abnormal.Add(CentreMean(plan, plane));
                }
            }
        }

        var good = Enumerable.Range(0, 5).Select(i =>
        {
            var (plan, plane) = Paint(ColonyClass.Good, i);
            using (plane)
            {
                return CentreMean(plan, plane);
            }
        }).ToArray();
        Assert.Equal(5, abnormal.Count);
        Assert.True(abnormal.Average() < good.Average() - 0.15, $"centre signal abnormal {abnormal.Average():F3} vs good {good.Average():F3}");
    }

    [Fact]
    public void Abnormal_looks_always_carry_at_least_one_abnormal_structure()
    {
        for (var i = 0; i < 200; i++)
        {
            var look = ColonyLooks.Draw(ColonyClass.Abnormal, 250, new FieldRandom((ulong)i));
            Assert.True(look.NecrosisDarkness > 0 || look.HoleFraction > 0 || look.VacuoleCount > 0, $"look {i} is not abnormal");
        }
    }

    [Fact]
    public void Good_cells_are_small_and_differentiating_flat_cells_are_large()
    {
        for (var i = 0; i < 50; i++)
        {
            var good = ColonyLooks.Draw(ColonyClass.Good, 250, new FieldRandom((ulong)i));
            var differentiating = ColonyLooks.Draw(ColonyClass.Differentiating, 250, new FieldRandom((ulong)i));
            Assert.InRange(good.CellSpacingUm, 8, 13);
            Assert.True(differentiating.FlatCellSpacingUm > 1.5 * good.CellSpacingUm);
            Assert.True(differentiating.CompactCoreFraction < 1, "differentiating colonies flatten from the periphery");
        }
    }

    private static (double Sharpness, double Halo) Profile(ColonyClass colonyClass, int seed)
    {
        var (plan, plane) = Paint(colonyClass, seed);
        using (plane)
        {
            // Mean signal per 1-um band of border distance, from 40 um inside to 40 um outside.
            const int Bands = 80;
            var sums = new double[Bands];
            var counts = new int[Bands];
            for (var y = 0; y < Size; y++)
            {
                var row = plane.Row(y);
                for (var x = 0; x < Size; x++)
                {
                    var d = plan.Outline.SignedDistance(x, y) * Um;
                    var band = (int)Math.Floor(d + 40);
                    if (band is >= 0 and < Bands)
                    {
                        sums[band] += row[x];
                        counts[band]++;
                    }
                }
            }

            var profile = sums.Zip(counts, (s, n) => n == 0 ? 0 : s / n).ToArray();
            var sharpness = profile.Zip(profile.Skip(1), (a, b) => Math.Abs(b - a)).Max();
            var halo = profile.Skip(40).Take(4).Average();
            return (sharpness, halo);
        }
    }

    private static double CentreMean(ColonyPlan plan, FloatPlane plane)
    {
        double sum = 0;
        var n = 0;
        var r = plan.Outline.MeanRadius * 0.2f;
        for (var y = (int)(plan.Outline.CentreY - r); y < plan.Outline.CentreY + r; y++)
        {
            for (var x = (int)(plan.Outline.CentreX - r); x < plan.Outline.CentreX + r; x++)
            {
                sum += plane.Row(y)[x];
                n++;
            }
        }

        return sum / n;
    }

    private static (ColonyPlan Plan, FloatPlane Plane) Paint(ColonyClass colonyClass, int seed)
    {
        var random = new FieldRandom((ulong)(seed + 100));
        const double RadiusUm = 250;
        var outline = new ColonyOutline(random, Size / 2f, Size / 2f, (float)(RadiusUm / Um), 0.1, 0.06, colonyClass == ColonyClass.Differentiating ? 0.08 : 0, 0);
        var look = ColonyLooks.Draw(colonyClass, RadiusUm, random);
        var plan = new ColonyPlan(colonyClass, outline, look, random.NextBits());
        var plane = new FloatPlane(Size, Size);
        ColonyPainter.Paint(plane, plan, Neutral, Um);
        return (plan, plane);
    }
}
