using System.Globalization;
using ColonyQc.Inference.Naming;
using ColonyQc.Synthetic.Randomness;

namespace ColonyQc.Synthetic.Dataset;

/// <summary>
/// Decides which field gets which label, name and group. Class counts follow the weights
/// exactly; their order is shuffled from the seed, so a prefix of a data set is not all one class.
/// </summary>
internal static class FieldPlanner
{
    private const string WellRows = "ABCDEFGH";

    public static IReadOnlyList<PlannedField> Plan(SynthOptions options)
    {
        var extension = options.Format switch
        {
            SynthImageFormat.Tiff => ".tif",
            SynthImageFormat.Png => ".png",
            _ => ".jpg",
        };
        var fields = new PlannedField[options.Count];
        var c = CultureInfo.InvariantCulture;
        if (options.Layout == SynthLayout.Flat)
        {
            var labels = ShuffledLabels(options.Count, options);
            for (var i = 0; i < fields.Length; i++)
            {
                var stem = "synth_" + i.ToString("D6", c);
                fields[i] = new PlannedField(i, labels[i], $"{labels[i].Name()}/{stem}{extension}", "", "", i, stem, null);
            }

            return fields;
        }

        var wells = (options.Count + options.FieldsPerWell - 1) / options.FieldsPerWell;
        var wellLabels = ShuffledLabels(wells, options);
        for (var i = 0; i < fields.Length; i++)
        {
            var wellIndex = i / options.FieldsPerWell;
            var plate = wellIndex / options.WellsPerPlate;
            var slot = wellIndex % options.WellsPerPlate;
            var well = WellRows[slot / 12] + ((slot % 12) + 1).ToString("D2", c);
            var field = (i % options.FieldsPerWell) + 1;
            var prefix = options.PlatePrefix + (plate + 1).ToString("D2", c);
            var name = new EvosFileName(prefix, EvosFileName.RawKind, 0, 0, 0, well, field, 0)
            {
                FieldDigits = options.FieldsPerWell >= 100 ? 3 : 2,
                Extension = extension,
            };
            fields[i] = new PlannedField(i, wellLabels[wellIndex], name.Format(), prefix, well, field, $"{prefix}/{well}", plate);
        }

        return fields;
    }

    /// <summary>Exactly weighted class counts (largest remainder), in a seeded random order.</summary>
    private static ColonyClass[] ShuffledLabels(int count, SynthOptions options)
    {
        var weights = options.ClassWeights;
        var total = weights.Sum();
        var counts = new int[3];
        var remainders = new (double Remainder, int Class)[3];
        for (var k = 0; k < 3; k++)
        {
            var exact = count * weights[k] / total;
            counts[k] = (int)Math.Floor(exact);
            remainders[k] = (exact - counts[k], k);
        }

        // Ties go to the earlier class, so the result never depends on sort stability.
        foreach (var (_, k) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Class).Take(count - counts.Sum()))
        {
            counts[k]++;
        }

        var labels = new ColonyClass[count];
        var next = 0;
        for (var k = 0; k < 3; k++)
        {
            for (var j = 0; j < counts[k]; j++)
            {
                labels[next++] = (ColonyClass)k;
            }
        }

        var random = new FieldRandom(FieldRandom.Derive(options.Seed, StreamPurpose.LabelOrder, count));
        for (var i = labels.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (labels[i], labels[j]) = (labels[j], labels[i]);
        }

        return labels;
    }
}
