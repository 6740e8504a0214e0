using ColonyQc.Inference.Imaging.Encoding;
using ColonyQc.Synthetic.Rendering;

namespace ColonyQc.Synthetic.Dataset;

/// <summary>What synthetic data set to write. Immutable; defaults come from <see cref="SynthDefaults"/>.</summary>
public sealed record SynthOptions
{
    /// <summary>The seed: the same options give the same bytes on any machine and thread count.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Number of fields (images).</summary>
    public int Count { get; init; } = 30;

    /// <summary>Frame width, pixels.</summary>
    public int Width { get; init; } = SynthDefaults.Width;

    /// <summary>Frame height, pixels.</summary>
    public int Height { get; init; } = SynthDefaults.Height;

    /// <summary>Micrometres per pixel: 0.86 (4x objective) by default, 0.345 for 10x.</summary>
    public double UmPerPixel { get; init; } = SynthDefaults.UmPerPixel;

    /// <summary>
    /// 8, or 16: 16-bit files hold 12-bit camera data shifted to the top of the range
    /// (value = camera count x 16, at most 65520), as many 12-bit microscope cameras write it.
    /// </summary>
    public int BitDepth { get; init; } = 8;

    /// <summary>Image file format.</summary>
    public SynthImageFormat Format { get; init; } = SynthImageFormat.Tiff;

    /// <summary>TIFF compression (with the horizontal predictor for LZW and Deflate).</summary>
    public TiffCompression TiffCompression { get; init; } = TiffCompression.Lzw;

    /// <summary>JPEG quality 1-100.</summary>
    public int JpegQuality { get; init; } = SynthDefaults.JpegQuality;

    /// <summary>File naming and grouping.</summary>
    public SynthLayout Layout { get; init; } = SynthLayout.Flat;

    /// <summary>
    /// Relative weights of good, differentiating and abnormal (default 1, 1, 1: balanced). Counts
    /// follow the weights exactly (largest remainder), per field for flat and per well for evos.
    /// </summary>
    public IReadOnlyList<double> ClassWeights { get; init; } = [1, 1, 1];

    /// <summary>Fields per well (evos layout); all fields of a well share its class and plate set-up.</summary>
    public int FieldsPerWell { get; init; } = SynthDefaults.FieldsPerWell;

    /// <summary>Wells per plate (evos layout), 1-96, taken in row-major order A01, A02, ...</summary>
    public int WellsPerPlate { get; init; } = SynthDefaults.WellsPerPlate;

    /// <summary>Scan name before the plate number (evos layout): plates are <c>scan01</c>, <c>scan02</c>, ...</summary>
    public string PlatePrefix { get; init; } = "scan";

    /// <summary>Imaging modes to draw fields in (one per plate in the evos layout, per field in flat); default every mode.</summary>
    public IReadOnlyList<ImagingMode> Modes { get; init; } = ImagingModes.All;

    /// <summary>Chance that a good field shows no colony.</summary>
    public double EmptyFieldProbability { get; init; } = SynthDefaults.EmptyFieldProbability;

    /// <summary>Fields rendered at once; the output does not depend on it.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
}
