namespace ColonyQc.Inference.Imaging.Encoding;

/// <summary>Which PNG row filter the encoder applies.</summary>
public enum PngRowFilter
{
    /// <summary>Filter type 0 on every row.</summary>
    None = 0,

    /// <summary>Filter type 1 (left neighbour) on every row.</summary>
    Sub = 1,

    /// <summary>Filter type 2 (row above) on every row.</summary>
    Up = 2,

    /// <summary>Filter type 3 (mean of left and above) on every row.</summary>
    Average = 3,

    /// <summary>Filter type 4 (Paeth predictor) on every row.</summary>
    Paeth = 4,

    /// <summary>Cycle through all five filters row by row (exercises every filter in one file).</summary>
    Cycle = 5,
}
