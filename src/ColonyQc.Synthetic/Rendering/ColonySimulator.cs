using ColonyQc.Synthetic.Randomness;
using ColonyQc.Synthetic.Rendering.Painting;

namespace ColonyQc.Synthetic.Rendering;

/// <summary>
/// Renders simulated bright-field / phase-contrast fields of iPSC colonies. Thread-safe and
/// fully deterministic: a field depends only on its <see cref="FieldRequest"/>, so fields can
/// be rendered in any order on any number of threads with identical results.
/// </summary>
public static class ColonySimulator
{
    /// <summary>Renders one field: intensities, label and colony boxes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The frame or scale is outside what the simulator supports.</exception>
    public static RenderedField Render(FieldRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        var fieldSeed = FieldRandom.Derive(request.Seed, StreamPurpose.Field, request.Index);
        var random = new FieldRandom(fieldSeed);
        var scene = ScenePlanner.Plan(request, random);
        var optics = scene.Optics;
        var um = request.UmPerPixel;

        using var signal = new FloatPlane(request.Width, request.Height);
        BackgroundPainter.PaintTexture(signal, optics, um, scene.Contamination, fieldSeed, random);
        var annotations = new List<ColonyAnnotation>();
        foreach (var colony in scene.Colonies)
        {
            var bounds = ColonyPainter.Paint(signal, colony, optics, um);
            if (!bounds.IsEmpty)
            {
                annotations.Add(new ColonyAnnotation(annotations.Count, colony.Class, bounds.X, bounds.Y, bounds.Width, bounds.Height));
            }
        }

        DebrisPainter.Paint(signal, optics, um, scene.DebrisSpecks, scene.FloatingDeadCells, random);
        if (scene.Contamination == ContaminationKind.Filaments)
        {
            BackgroundPainter.PaintFilaments(signal, optics, um, random);
        }

        if (optics.Mode == ImagingMode.Relief)
        {
            ReliefShading.Apply(signal, optics, um);
        }

        GaussianBlur.Apply(signal, (float)optics.BlurSigmaPixels);
        var pixels = new float[request.Width * request.Height];
        SensorImage.Compose(signal, optics, fieldSeed, pixels);
        var label = annotations.Count == 0 ? ColonyClass.Good : annotations.Max(a => a.Class);
        return new RenderedField(pixels, request.Width, request.Height, um, label, annotations);
    }

    private static void Validate(FieldRequest request)
    {
        if (request.Width is < SynthDefaults.MinSide or > SynthDefaults.MaxSide)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Width, $"field width must be {SynthDefaults.MinSide}-{SynthDefaults.MaxSide} pixels");
        }

        if (request.Height is < SynthDefaults.MinSide or > SynthDefaults.MaxSide)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Height, $"field height must be {SynthDefaults.MinSide}-{SynthDefaults.MaxSide} pixels");
        }

        if (!(request.UmPerPixel is >= 0.05 and <= 10))
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.UmPerPixel, "micrometres per pixel must be 0.05-10");
        }

        if (!Enum.IsDefined(request.Label))
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Label, "not a colony class");
        }

        if (!(request.EmptyFieldProbability is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.EmptyFieldProbability, "empty-field probability must be 0-1");
        }
    }
}
