namespace ColonyQc.Synthetic;

/// <summary>The simulator's defaults, in one place for the API, the command line and the docs.</summary>
public static class SynthDefaults
{
    /// <summary>EVOS camera width, pixels.</summary>
    public const int Width = 2048;

    /// <summary>EVOS camera height, pixels.</summary>
    public const int Height = 1536;

    /// <summary>A 4x objective on a 3.45 um camera pixel.</summary>
    public const double UmPerPixel = 0.86;

    /// <summary>Chance that a good field is empty (no colony).</summary>
    public const double EmptyFieldProbability = 0.06;

    /// <summary>Fields per well in the EVOS layout.</summary>
    public const int FieldsPerWell = 4;

    /// <summary>Wells per plate in the EVOS layout.</summary>
    public const int WellsPerPlate = 12;

    /// <summary>JPEG quality.</summary>
    public const int JpegQuality = 90;

    /// <summary>The largest frame side the simulator accepts, pixels.</summary>
    public const int MaxSide = 16384;

    /// <summary>The smallest frame side the simulator accepts, pixels.</summary>
    public const int MinSide = 16;
}
