using System.Globalization;
using ColonyQc.Inference.Imaging.Encoding;
using ColonyQc.Synthetic.Dataset;
using ColonyQc.Synthetic.Rendering;

namespace ColonyQc.Synthetic.Preview;

/// <summary>
/// A labelled grid for looking at the simulator: one row per class, and for each field its
/// whole frame scaled down beside a 1:1 crop at the border of the colony that sets the label.
/// </summary>
public static class ContactSheet
{
    private const int Gap = 8;
    private const int TextScale = 2;
    private const int CaptionHeight = (BitmapFont.Height * TextScale) + 8;
    private const byte Paper = 255;
    private const byte Ink = 0;

    /// <summary>Renders the sheet as an 8-bit grey PNG.</summary>
    /// <exception cref="ArgumentException">The options are out of range.</exception>
    public static byte[] RenderPng(ContactSheetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.FieldsPerClass is < 1 or > 8 || options.TileWidth < 64 || options.TileWidth > options.FieldWidth)
        {
            throw new ArgumentException($"contact sheet: 1-8 fields per class and a tile width of 64 to the field width are needed (got {options.FieldsPerClass} fields, tile {options.TileWidth} px)");
        }

        var tileWidth = options.TileWidth;
        var tileHeight = (int)Math.Round((double)tileWidth * options.FieldHeight / options.FieldWidth);
        var pairWidth = (2 * tileWidth) + Gap;
        var width = Gap + (options.FieldsPerClass * (pairWidth + (2 * Gap)));
        var rowHeight = CaptionHeight + tileHeight + CaptionHeight + Gap;
        var height = CaptionHeight + Gap + (3 * rowHeight);
        var sheet = new byte[width * height];
        sheet.AsSpan().Fill(Paper);
        var c = CultureInfo.InvariantCulture;
        BitmapFont.Draw(sheet, width, height, Gap, Gap / 2, string.Create(c, $"simulated fields, {options.UmPerPixel} um/px, seed {options.Seed}: whole field (scaled) and 1:1 crop"), TextScale, Ink);

        for (var k = 0; k < 3; k++)
        {
            var label = (ColonyClass)k;
            var top = CaptionHeight + Gap + (k * rowHeight);
            BitmapFont.Draw(sheet, width, height, Gap, top, label.Name(), TextScale, Ink);
            for (var i = 0; i < options.FieldsPerClass; i++)
            {
                var field = ColonySimulator.Render(new FieldRequest
                {
                    Label = label,
                    Width = options.FieldWidth,
                    Height = options.FieldHeight,
                    UmPerPixel = options.UmPerPixel,
                    Seed = options.Seed,
                    Index = (k * 100) + i,
                    EmptyFieldProbability = 0,
                    Modes = options.Modes,
                });
                var left = Gap + (i * (pairWidth + (2 * Gap)));
                var tileTop = top + CaptionHeight;
                var thumbnail = Downscale(field, tileWidth, tileHeight);
                Blit(sheet, width, thumbnail, tileWidth, tileHeight, left, tileTop);
                var (cropX, cropY) = CropOrigin(field, tileWidth, tileHeight);
                var crop = new byte[tileWidth * tileHeight];
                for (var y = 0; y < tileHeight; y++)
                {
                    FieldQuantizer.To8Bit(field.Pixels.AsSpan(((cropY + y) * field.Width) + cropX, tileWidth), crop.AsSpan(y * tileWidth, tileWidth));
                }

                Blit(sheet, width, crop, tileWidth, tileHeight, left + tileWidth + Gap, tileTop);
                var scale = (double)field.Width / tileWidth;
                BitmapFont.Draw(sheet, width, height, left, tileTop + tileHeight + 4, string.Create(c, $"field 1/{scale:0.#}, {field.Colonies.Count} col."), TextScale, Ink);
                BitmapFont.Draw(sheet, width, height, left + tileWidth + Gap, tileTop + tileHeight + 4, "1:1 crop", TextScale, Ink);
            }
        }

        return PngEncoder.Encode(sheet, width, height);
    }

    /// <summary>Renders the sheet and writes it to <paramref name="path"/>, creating the folder.</summary>
    public static void Write(ContactSheetOptions options, string path)
    {
        var bytes = RenderPng(options);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllBytes(path, bytes);
    }

    /// <summary>A crop straddling the left border of the colony that sets the label, so the crop shows border and inside.</summary>
    private static (int X, int Y) CropOrigin(RenderedField field, int tileWidth, int tileHeight)
    {
        var key = field.Colonies.Where(a => a.Class == field.Label).OrderByDescending(a => a.Width * a.Height).First();
        var centreX = key.X + Math.Min(key.Width / 2, (int)(tileWidth * 0.4));
        var centreY = key.Y + (key.Height / 2);
        return (Math.Clamp(centreX - (tileWidth / 2), 0, field.Width - tileWidth), Math.Clamp(centreY - (tileHeight / 2), 0, field.Height - tileHeight));
    }

    /// <summary>Area-average downscale to the tile size.</summary>
    private static byte[] Downscale(RenderedField field, int tileWidth, int tileHeight)
    {
        var result = new float[tileWidth * tileHeight];
        var counts = new int[tileWidth * tileHeight];
        for (var y = 0; y < field.Height; y++)
        {
            var ty = Math.Min(tileHeight - 1, y * tileHeight / field.Height);
            var row = field.Pixels.AsSpan(y * field.Width, field.Width);
            for (var x = 0; x < field.Width; x++)
            {
                var t = (ty * tileWidth) + Math.Min(tileWidth - 1, x * tileWidth / field.Width);
                result[t] += row[x];
                counts[t]++;
            }
        }

        for (var i = 0; i < result.Length; i++)
        {
            result[i] /= Math.Max(1, counts[i]);
        }

        var bytes = new byte[result.Length];
        FieldQuantizer.To8Bit(result, bytes);
        return bytes;
    }

    private static void Blit(byte[] sheet, int sheetWidth, byte[] tile, int tileWidth, int tileHeight, int left, int top)
    {
        for (var y = 0; y < tileHeight; y++)
        {
            tile.AsSpan(y * tileWidth, tileWidth).CopyTo(sheet.AsSpan(((top + y) * sheetWidth) + left, tileWidth));
        }
    }
}
