using ColonyQc.Inference.Imaging;

namespace ColonyQc.Inference.Tests.Preprocessing;

/// <summary>Small generated images for preprocessing tests.</summary>
internal static class TestPlanes
{
    public static ImageMetadata Metadata(int width, int height, int bitDepth, int shrink = 1) =>
        new(ImageFormatKind.Tiff, ChannelLayout.Grey, width * shrink, height * shrink, bitDepth, shrink);

    public static byte[] RandomBytes(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    public static ushort[] RandomUShorts(int length, int seed)
    {
        var random = new Random(seed);
        var data = new ushort[length];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (ushort)random.Next(0, 65536);
        }

        return data;
    }

    public static GreyImage Image8(byte[] pixels, int width, int height, int shrink = 1)
    {
        var image = GreyImage.Create8(width, height, Metadata(width, height, 8, shrink));
        pixels.AsSpan(0, width * height).CopyTo(image.Pixels8);
        return image;
    }

    public static GreyImage Image16(ushort[] pixels, int width, int height)
    {
        var image = GreyImage.Create16(width, height, Metadata(width, height, 16));
        pixels.AsSpan(0, width * height).CopyTo(image.Pixels16);
        return image;
    }
}
