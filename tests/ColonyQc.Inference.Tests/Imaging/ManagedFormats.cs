using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Pbm;
using SixLabors.ImageSharp.Formats.Tga;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;

namespace ColonyQc.Inference.Tests.Imaging;

/// <summary>Test files in the formats outside the fast path, written by ImageSharp's own encoders.</summary>
internal static class ManagedFormats
{
    public static byte[] Gif(byte[] rgb, int width, int height) => Save(Image.LoadPixelData<Rgb24>(rgb, width, height), new GifEncoder());

    public static byte[] Webp(byte[] rgb, int width, int height) =>
        Save(Image.LoadPixelData<Rgb24>(rgb, width, height), new WebpEncoder { FileFormat = WebpFileFormatType.Lossless });

    public static byte[] Tga(byte[] rgb, int width, int height, bool compress) =>
        Save(Image.LoadPixelData<Rgb24>(rgb, width, height), new TgaEncoder { BitsPerPixel = TgaBitsPerPixel.Pixel24, Compression = compress ? TgaCompression.RunLength : TgaCompression.None });

    public static byte[] Pgm(byte[] grey, int width, int height) =>
        Save(Image.LoadPixelData<L8>(grey, width, height), new PbmEncoder { ColorType = PbmColorType.Grayscale, Encoding = PbmEncoding.Binary });

    public static byte[] Pgm16(ushort[] grey, int width, int height) =>
        Save(Image.LoadPixelData<L16>(System.Runtime.InteropServices.MemoryMarshal.Cast<ushort, L16>(grey), width, height), new PbmEncoder { ColorType = PbmColorType.Grayscale, ComponentType = PbmComponentType.Short, Encoding = PbmEncoding.Binary });

    public static byte[] PlainPgm(byte[] grey, int width, int height) =>
        Save(Image.LoadPixelData<L8>(grey, width, height), new PbmEncoder { ColorType = PbmColorType.Grayscale, Encoding = PbmEncoding.Plain });

    /// <summary>A two-frame GIF: a grey first frame, then a black one that must not be what is decoded.</summary>
    public static byte[] TwoFrameGif(byte value, int width, int height)
    {
        using var image = new Image<Rgb24>(width, height, new Rgb24(value, value, value));
        using var second = new Image<Rgb24>(width, height, new Rgb24(0, 0, 0));
        image.Frames.AddFrame(second.Frames.RootFrame);
        return Save(image.Clone(), new GifEncoder());
    }

    private static byte[] Save(Image image, IImageEncoder encoder)
    {
        using (image)
        {
            using var stream = new MemoryStream();
            image.Save(stream, encoder);
            return stream.ToArray();
        }
    }
}
