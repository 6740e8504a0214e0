namespace ColonyQc.Synthetic.Preview;

/// <summary>
/// A 5x7 pixel font (lower-case letters, digits and a little punctuation) for the captions of
/// the contact sheet, so captions need no font library or system font.
/// </summary>
internal static class BitmapFont
{
    /// <summary>Glyph cell width in font pixels, including one column of spacing.</summary>
    public const int Advance = 6;

    /// <summary>Glyph height in font pixels.</summary>
    public const int Height = 7;

    // Seven rows of five columns per glyph; '#' is ink.
    private static readonly Dictionary<char, string[]> Glyphs = new()
    {
        ['a'] = ["     ", "     ", " ### ", "    #", " ####", "#   #", " ####"],
        ['b'] = ["#    ", "#    ", "# ## ", "##  #", "#   #", "#   #", "#### "],
        ['c'] = ["     ", "     ", " ### ", "#    ", "#    ", "#   #", " ### "],
        ['d'] = ["    #", "    #", " ## #", "#  ##", "#   #", "#   #", " ####"],
        ['e'] = ["     ", "     ", " ### ", "#   #", "#####", "#    ", " ### "],
        ['f'] = ["  ## ", " #  #", " #   ", "###  ", " #   ", " #   ", " #   "],
        ['g'] = ["     ", " ####", "#   #", "#   #", " ####", "    #", " ### "],
        ['h'] = ["#    ", "#    ", "# ## ", "##  #", "#   #", "#   #", "#   #"],
        ['i'] = ["  #  ", "     ", " ##  ", "  #  ", "  #  ", "  #  ", " ### "],
        ['j'] = ["   # ", "     ", "  ## ", "   # ", "   # ", "#  # ", " ##  "],
        ['k'] = ["#    ", "#    ", "#  # ", "# #  ", "##   ", "# #  ", "#  # "],
        ['l'] = [" ##  ", "  #  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### "],
        ['m'] = ["     ", "     ", "## # ", "# # #", "# # #", "#   #", "#   #"],
        ['n'] = ["     ", "     ", "# ## ", "##  #", "#   #", "#   #", "#   #"],
        ['o'] = ["     ", "     ", " ### ", "#   #", "#   #", "#   #", " ### "],
        ['p'] = ["     ", "     ", "#### ", "#   #", "#### ", "#    ", "#    "],
        ['q'] = ["     ", "     ", " ## #", "#  ##", " ####", "    #", "    #"],
        ['r'] = ["     ", "     ", "# ## ", "##  #", "#    ", "#    ", "#    "],
        ['s'] = ["     ", "     ", " ### ", "#    ", " ### ", "    #", "#### "],
        ['t'] = [" #   ", " #   ", "###  ", " #   ", " #   ", " #  #", "  ## "],
        ['u'] = ["     ", "     ", "#   #", "#   #", "#   #", "#  ##", " ## #"],
        ['v'] = ["     ", "     ", "#   #", "#   #", "#   #", " # # ", "  #  "],
        ['w'] = ["     ", "     ", "#   #", "#   #", "# # #", "# # #", " # # "],
        ['x'] = ["     ", "     ", "#   #", " # # ", "  #  ", " # # ", "#   #"],
        ['y'] = ["     ", "     ", "#   #", "#   #", " ####", "    #", " ### "],
        ['z'] = ["     ", "     ", "#####", "   # ", "  #  ", " #   ", "#####"],
        ['0'] = [" ### ", "#   #", "#  ##", "# # #", "##  #", "#   #", " ### "],
        ['1'] = ["  #  ", " ##  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### "],
        ['2'] = [" ### ", "#   #", "    #", "   # ", "  #  ", " #   ", "#####"],
        ['3'] = ["#####", "   # ", "  #  ", "   # ", "    #", "#   #", " ### "],
        ['4'] = ["   # ", "  ## ", " # # ", "#  # ", "#####", "   # ", "   # "],
        ['5'] = ["#####", "#    ", "#### ", "    #", "    #", "#   #", " ### "],
        ['6'] = ["  ## ", " #   ", "#    ", "#### ", "#   #", "#   #", " ### "],
        ['7'] = ["#####", "    #", "   # ", "  #  ", " #   ", " #   ", " #   "],
        ['8'] = [" ### ", "#   #", "#   #", " ### ", "#   #", "#   #", " ### "],
        ['9'] = [" ### ", "#   #", "#   #", " ####", "    #", "   # ", " ##  "],
        [':'] = ["     ", " ##  ", " ##  ", "     ", " ##  ", " ##  ", "     "],
        ['.'] = ["     ", "     ", "     ", "     ", "     ", " ##  ", " ##  "],
        [','] = ["     ", "     ", "     ", "     ", " ##  ", "  #  ", " #   "],
        ['/'] = ["     ", "    #", "   # ", "  #  ", " #   ", "#    ", "     "],
        ['-'] = ["     ", "     ", "     ", "#####", "     ", "     ", "     "],
        ['('] = ["   # ", "  #  ", " #   ", " #   ", " #   ", "  #  ", "   # "],
        [')'] = [" #   ", "  #  ", "   # ", "   # ", "   # ", "  #  ", " #   "],
        ['='] = ["     ", "     ", "#####", "     ", "#####", "     ", "     "],
        ['#'] = [" # # ", " # # ", "#####", " # # ", "#####", " # # ", " # # "],
        [' '] = ["     ", "     ", "     ", "     ", "     ", "     ", "     "],
    };

    /// <summary>Width in pixels of <paramref name="text"/> drawn at <paramref name="scale"/>.</summary>
    public static int Measure(string text, int scale) => text.Length * Advance * scale;

    /// <summary>
    /// Draws <paramref name="text"/> (lower-cased; unknown characters as blanks) with its top-left
    /// corner at (x, y) into an 8-bit plane, each font pixel a <paramref name="scale"/>-square block.
    /// </summary>
    public static void Draw(Span<byte> plane, int width, int height, int x, int y, string text, int scale, byte ink)
    {
        var cursor = x;
        foreach (var raw in text.ToLowerInvariant())
        {
            if (Glyphs.TryGetValue(raw, out var rows))
            {
                for (var r = 0; r < Height; r++)
                {
                    for (var c = 0; c < 5; c++)
                    {
                        if (rows[r][c] == '#')
                        {
                            Fill(plane, width, height, cursor + (c * scale), y + (r * scale), scale, ink);
                        }
                    }
                }
            }

            cursor += Advance * scale;
        }
    }

    private static void Fill(Span<byte> plane, int width, int height, int x0, int y0, int size, byte ink)
    {
        for (var y = Math.Max(0, y0); y < Math.Min(height, y0 + size); y++)
        {
            for (var x = Math.Max(0, x0); x < Math.Min(width, x0 + size); x++)
            {
                plane[(y * width) + x] = ink;
            }
        }
    }
}
