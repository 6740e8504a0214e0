using System.Collections.Concurrent;
using ColonyQc.BenchSupport;
using ColonyQc.Inference.Imaging;
using ColonyQc.Inference.Imaging.Encoding;
using ColonyQc.Inference.Model;
using ColonyQc.Inference.Preprocessing;
using Microsoft.ML.OnnxRuntime;

namespace ColonyQc.Benchmarks.Corpus;

/// <summary>
/// What every benchmark shares, made once per process: the simulated field, its encodings (written
/// with the project's own encoders), the model and its manifest.
/// </summary>
public static class BenchInputs
{
    private static readonly Lazy<SimulatedField> Field = new(() => SimulatedField.Render(FieldSize.Current.Width, FieldSize.Current.Height));
    private static readonly ConcurrentDictionary<BenchFormat, byte[]> Encodings = new();
    private static readonly Lazy<string> Model = new(() => BenchModel.Resolve(Console.Error));
    private static readonly Lazy<ModelManifest> LoadedManifest = new(() =>
    {
        using var session = new InferenceSession(ModelPath);
        return ModelManifestSerializer.FromJson(session.ModelMetadata.CustomMetadataMap[ModelManifest.MetadataKey], ModelPath);
    });

    /// <summary>The simulated field.</summary>
    public static SimulatedField SimulatedField => Field.Value;

    /// <summary>Path of the model every benchmark uses (see <see cref="BenchModel"/>).</summary>
    public static string ModelPath => Model.Value;

    /// <summary>The model's manifest.</summary>
    public static ModelManifest Manifest => LoadedManifest.Value;

    /// <summary>
    /// Decode options as scoring uses them: shrink-on-load by the largest power of two (at most 8)
    /// that keeps the decoded image at or above the model's canonical resolution.
    /// </summary>
    public static DecodeOptions ScoringDecodeOptions
    {
        get
        {
            var ratio = Manifest.UmPerPixel / FieldSize.SourceUmPerPixel;
            var shrink = ratio >= 8 ? 8 : ratio >= 4 ? 4 : ratio >= 2 ? 2 : 1;
            return new DecodeOptions { MaxShrinkFactor = shrink };
        }
    }

    /// <summary>The field encoded in <paramref name="format"/>.</summary>
    public static byte[] Encoded(BenchFormat format) => Encodings.GetOrAdd(format, Encode);

    /// <summary>The field decoded from its 8-bit TIFF and resampled to canonical scale (caller disposes).</summary>
    public static CanonicalPlane CanonicalPlane()
    {
        using var image = ImageDecoder.Decode(Encoded(BenchFormat.Tiff8), "benchmark");
        return CanonicalResampler.Resample(image, FieldSize.SourceUmPerPixel, Manifest.UmPerPixel);
    }

    /// <summary>The model's window layout over <paramref name="plane"/>.</summary>
    public static WindowLayout Layout(CanonicalPlane plane) =>
        WindowLayout.For(plane.Width, plane.Height, Manifest.WindowSize, Manifest.WindowStride);

    private static byte[] Encode(BenchFormat format)
    {
        var f = SimulatedField;
        return format switch
        {
            BenchFormat.Tiff8 => TiffEncoder.Encode(f.Samples8, f.Width, f.Height),
            BenchFormat.Tiff16 => TiffEncoder.Encode(f.Samples16, f.Width, f.Height),
            BenchFormat.TiffLzw => TiffEncoder.Encode(f.Samples8, f.Width, f.Height, new TiffEncoderOptions { Compression = TiffCompression.Lzw, HorizontalPredictor = true }),
            BenchFormat.Png => PngEncoder.Encode(f.Samples8, f.Width, f.Height),
            BenchFormat.Jpeg => JpegEncoder.Encode(f.Samples8, f.Width, f.Height, new JpegEncoderOptions { Quality = 90 }),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a benchmark format"),
        };
    }
}
