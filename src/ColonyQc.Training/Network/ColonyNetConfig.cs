using System.Globalization;

namespace ColonyQc.Training.Network;

/// <summary>
/// Everything that fixes a <see cref="ColonyNet"/>: the network's shape and the physical contract
/// of its input (window side, window stride and canonical scale). The one place the shipped
/// choice lives; <c>docs/decisions/network-size.md</c> gives the measurements behind
/// <see cref="Default"/>.
/// </summary>
public sealed record ColonyNetConfig
{
    /// <summary>Architecture family written first in <see cref="Architecture"/>; a change of layer structure needs a new family version.</summary>
    public const string Family = "ColonyNet-v1";

    /// <summary>
    /// The shipped configuration: 128 px windows at 2 um/px (256 um, a colony border and the cell texture
    /// inside it), stride 96, base width 16, three stages; the image label comes from all windows by the
    /// worst-colony rule. Chosen by measurement against 512 um windows with a fourth stage, which learned
    /// slower and generalised worse at the same training budget: docs/decisions/network-size.md.
    /// </summary>
    public static ColonyNetConfig Default { get; } = new();

    /// <summary>Side of the square input window in canonical pixels.</summary>
    public int WindowSize { get; init; } = 128;

    /// <summary>Step between neighbouring windows in canonical pixels.</summary>
    public int WindowStride { get; init; } = 96;

    /// <summary>Canonical scale every image is resampled to, in micrometres per pixel.</summary>
    public double UmPerPixel { get; init; } = 2.0;

    /// <summary>
    /// Stem channels; the residual stages have 2x, 4x, 8x (and 16x) this many. The main knob for
    /// cost: inference time grows about with its square.
    /// </summary>
    public int Width { get; init; } = 16;

    /// <summary>Residual stages (3 or 4; each halves the resolution and doubles the channels). Version 1 models have 3.</summary>
    public int Stages { get; init; } = 3;

    /// <summary>Residual blocks per stage (the first of each stage halves the resolution).</summary>
    public int BlocksPerStage { get; init; } = 1;

    /// <summary>Kernel side of the stem convolution.</summary>
    public int StemKernel { get; init; } = 7;

    /// <summary>Stride of the stem convolution: the early downsampling that keeps a window cheap.</summary>
    public int StemStride { get; init; } = 4;

    /// <summary>Dropout probability before the classifier head (training only).</summary>
    public double Dropout { get; init; } = 0.2;

    /// <summary>Number of output classes.</summary>
    public int ClassCount { get; init; } = 3;

    /// <summary>
    /// Epsilon of the first op, the per-window InstanceNormalization on [0,1] grey. It bounds the
    /// gain on a near-constant window: the output is (x - mean) / sqrt(var + eps), so at 1e-4 a
    /// window with a standard deviation far below 0.01 (2.5 grey levels of 255) is not blown up to
    /// unit variance noise (its gain stays at most 100), while colony texture (std well above 0.01)
    /// is standardised almost exactly.
    /// </summary>
    public double InstanceNormEpsilon { get; init; } = 1e-4;

    /// <summary>Epsilon of every batch normalisation.</summary>
    public const double BatchNormEpsilon = 1e-5;

    /// <summary>Channels of the stages, in order.</summary>
    public IReadOnlyList<int> StageWidths => Enumerable.Range(1, Stages).Select(s => Width << s).ToArray();

    /// <summary>
    /// The architecture string recorded in the model manifest; <see cref="FromArchitecture"/> reads it back.
    /// Window, stride and scale are not part of it: the manifest has fields of their own for them.
    /// </summary>
    public string Architecture => string.Create(
        CultureInfo.InvariantCulture,
        $"{Family};width={Width};blocks={BlocksPerStage};stemKernel={StemKernel};stemStride={StemStride};dropout={Dropout};eps={InstanceNormEpsilon};classes={ClassCount}{(Stages == 3 ? string.Empty : $";stages={Stages}")}");

    /// <summary>Checks the configuration and returns it.</summary>
    /// <exception cref="ArgumentException">A value is out of range, or the window does not survive the downsampling.</exception>
    public ColonyNetConfig Validate()
    {
        Require(Width is >= 1 and <= 256, $"width {Width} must be 1-256");
        Require(BlocksPerStage is >= 1 and <= 8, $"blocks per stage {BlocksPerStage} must be 1-8");
        Require(StemKernel is >= 1 and <= 15 && StemKernel % 2 == 1, $"stem kernel {StemKernel} must be odd, 1-15");
        Require(StemStride is >= 1 and <= 8, $"stem stride {StemStride} must be 1-8");
        Require(Dropout is >= 0 and < 1, $"dropout {Dropout} must be in [0, 1)");
        Require(ClassCount >= 2, $"class count {ClassCount} must be at least 2");
        Require(InstanceNormEpsilon > 0, $"instance norm epsilon {InstanceNormEpsilon} must be positive");
        Require(UmPerPixel > 0, $"um/px {UmPerPixel} must be positive");
        Require(WindowStride >= 1 && WindowStride <= WindowSize, $"window stride {WindowStride} must be 1-{WindowSize}");
        Require(Stages is 3 or 4, $"stages {Stages} must be 3 or 4");
        Require(WindowSize / StemStride >> Stages >= 1, $"window {WindowSize} is too small for stem stride {StemStride} and {Stages} stride-2 stages");
        return this;
    }

    /// <summary>Rebuilds a configuration from a manifest's architecture string and window fields.</summary>
    /// <exception cref="FormatException">The string is not a ColonyNet architecture this code knows.</exception>
    public static ColonyNetConfig FromArchitecture(string architecture, int windowSize, int windowStride, double umPerPixel)
    {
        var parts = architecture.Split(';', StringSplitOptions.TrimEntries);
        if (parts.Length == 0 || parts[0] != Family)
        {
            throw new FormatException($"architecture \"{architecture}\" is not {Family} (this ColonyQc builds only {Family} networks)");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parts.Skip(1))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !values.TryAdd(part[..eq], part[(eq + 1)..]))
            {
                throw new FormatException($"architecture \"{architecture}\": \"{part}\" is not a unique key=value pair");
            }
        }

        int Int(string key) => int.Parse(Value(key), NumberStyles.Integer, CultureInfo.InvariantCulture);
        double Real(string key) => double.Parse(Value(key), NumberStyles.Float, CultureInfo.InvariantCulture);
        string Value(string key) => values.TryGetValue(key, out var v) ? v : throw new FormatException($"architecture \"{architecture}\" has no {key}");

        try
        {
            return new ColonyNetConfig
            {
                WindowSize = windowSize,
                WindowStride = windowStride,
                UmPerPixel = umPerPixel,
                Width = Int("width"),
                BlocksPerStage = Int("blocks"),
                StemKernel = Int("stemKernel"),
                StemStride = Int("stemStride"),
                Dropout = Real("dropout"),
                InstanceNormEpsilon = Real("eps"),
                ClassCount = Int("classes"),
                Stages = values.ContainsKey("stages") ? Int("stages") : 3,
            }.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"architecture \"{architecture}\": {ex.Message}", ex);
        }
    }

    private static void Require(bool condition, string defect)
    {
        if (!condition)
        {
            throw new ArgumentException("invalid ColonyNet configuration: " + defect);
        }
    }
}
