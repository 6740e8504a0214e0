using ColonyQc.Inference.Imaging.Encoding;
using ColonyQc.Synthetic.Rendering;

namespace ColonyQc.Synthetic.Dataset;

/// <summary>Encodes a rendered field as the file the options ask for, with the scale in the file where the format has a place for it.</summary>
internal static class FieldFileEncoder
{
    public static byte[] Encode(RenderedField field, SynthOptions options)
    {
        var length = field.Width * field.Height;
        if (options.BitDepth == 16)
        {
            var samples = new ushort[length];
            FieldQuantizer.To16Bit(field.Pixels, samples);
            return options.Format switch
            {
                SynthImageFormat.Tiff => TiffEncoder.Encode(samples, field.Width, field.Height, TiffOptions(field, options)),
                _ => PngEncoder.Encode(samples, field.Width, field.Height, new PngEncoderOptions { UmPerPixel = field.UmPerPixel }),
            };
        }

        var bytes = new byte[length];
        FieldQuantizer.To8Bit(field.Pixels, bytes);
        return options.Format switch
        {
            SynthImageFormat.Tiff => TiffEncoder.Encode(bytes, field.Width, field.Height, TiffOptions(field, options)),
            SynthImageFormat.Png => PngEncoder.Encode(bytes, field.Width, field.Height, new PngEncoderOptions { UmPerPixel = field.UmPerPixel }),
            _ => JpegEncoder.Encode(bytes, field.Width, field.Height, new JpegEncoderOptions { Quality = options.JpegQuality }),
        };
    }

    private static TiffEncoderOptions TiffOptions(RenderedField field, SynthOptions options) => new()
    {
        Compression = options.TiffCompression,
        // The predictor turns smooth microscope backgrounds into small differences: LZW and
        // Deflate then compress them far better.
        HorizontalPredictor = options.TiffCompression is TiffCompression.Lzw or TiffCompression.Deflate or TiffCompression.DeflateLegacy,
        UmPerPixel = field.UmPerPixel,
    };
}
