using System.Runtime.InteropServices;
using ColonyQc.Inference.Imaging.Pixels;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ColonyQc.Inference.Imaging.Managed;

/// <summary>
/// Copies an ImageSharp image into a pooled <see cref="GreyImage"/>, row by row. Colour goes through
/// ColonyQc's own <see cref="Luminance"/> (not ImageSharp's L8 conversion, which uses other weights) so a
/// colour field gives the same grey whichever container it came in.
/// </summary>
internal static class ImageSharpPlanes
{
    public static GreyImage ToGrey8(Image<L8> image, ImageMetadata metadata)
    {
        var result = GreyImage.Create8(image.Width, image.Height, metadata);
        try
        {
            var width = image.Width;
            image.ProcessPixelRows(rows =>
            {
                var target = result.Pixels8;
                for (var y = 0; y < rows.Height; y++)
                {
                    MemoryMarshal.AsBytes(rows.GetRowSpan(y)).CopyTo(target.Slice(y * width, width));
                }
            });
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    public static GreyImage ToGrey16(Image<L16> image, ImageMetadata metadata)
    {
        var result = GreyImage.Create16(image.Width, image.Height, metadata);
        try
        {
            var width = image.Width;
            image.ProcessPixelRows(rows =>
            {
                var target = result.Pixels16;
                for (var y = 0; y < rows.Height; y++)
                {
                    MemoryMarshal.Cast<L16, ushort>(rows.GetRowSpan(y)).CopyTo(target.Slice(y * width, width));
                }
            });
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    public static GreyImage LuminanceOf(Image<Rgb24> image, ImageMetadata metadata)
    {
        var result = GreyImage.Create8(image.Width, image.Height, metadata);
        try
        {
            var width = image.Width;
            image.ProcessPixelRows(rows =>
            {
                var target = result.Pixels8;
                for (var y = 0; y < rows.Height; y++)
                {
                    Luminance.FromInterleaved(MemoryMarshal.AsBytes(rows.GetRowSpan(y)), 3, target.Slice(y * width, width));
                }
            });
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }
}
