namespace ColonyQc.Inference.Imaging.Managed;

/// <summary>
/// Walks a GIF's blocks up to the end of its first image, the only frame ColonyQc decodes. ImageSharp
/// decodes a GIF cut inside its image data without complaint; here the first image's data sub-blocks
/// must all be present and end with their terminator.
/// </summary>
internal static class GifStructure
{
    public static void CheckFirstFrame(ReadOnlySpan<byte> data, string name)
    {
        const int screenDescriptorEnd = 13;
        if (data.Length < screenDescriptorEnd)
        {
            ImageDefect.Throw(name, $"GIF is truncated: {data.Length} bytes end inside its header");
        }

        var position = screenDescriptorEnd + ColourTableLength(data[10]);
        while (true)
        {
            if (position >= data.Length)
            {
                ImageDefect.Throw(name, $"GIF is truncated: {data.Length} bytes end before its first image");
            }

            switch (data[position])
            {
                case 0x21: // extension: label, then sub-blocks
                    position = SkipSubBlocks(data, position + 2, name);
                    break;
                case 0x2C: // image descriptor (10 bytes), optional local colour table, LZW code size, sub-blocks
                    if (position + 11 > data.Length)
                    {
                        ImageDefect.Throw(name, $"GIF is truncated inside the first image descriptor at offset {position}");
                    }

                    position += 10 + ColourTableLength(data[position + 9]) + 1;
                    SkipSubBlocks(data, position, name);
                    return;
                case 0x3B:
                    ImageDefect.Throw(name, "GIF has no image (its trailer comes before any image descriptor)");
                    break;
                default:
                    ImageDefect.Throw(name, $"GIF is corrupt: unknown block 0x{data[position]:X2} at offset {position}");
                    break;
            }
        }
    }

    private static int ColourTableLength(byte packed) => (packed & 0x80) == 0 ? 0 : 3 * (2 << (packed & 0x07));

    private static int SkipSubBlocks(ReadOnlySpan<byte> data, int position, string name)
    {
        while (true)
        {
            if (position >= data.Length)
            {
                ImageDefect.Throw(name, $"GIF is truncated: {data.Length} bytes end inside a data block");
            }

            var size = data[position];
            position += 1 + size;
            if (size == 0)
            {
                return position;
            }
        }
    }
}
