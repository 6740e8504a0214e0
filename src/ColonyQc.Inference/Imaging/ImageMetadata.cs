namespace ColonyQc.Inference.Imaging;

/// <summary>What a decoded file said about itself.</summary>
/// <param name="Format">The container, found from the file's magic bytes.</param>
/// <param name="SourceLayout">The channel layout stored in the file before it became one grey plane.</param>
/// <param name="SourceWidth">Width stored in the file (before any shrink-on-load).</param>
/// <param name="SourceHeight">Height stored in the file (before any shrink-on-load).</param>
/// <param name="SourceBitDepth">Bits per sample stored in the file (1-16).</param>
/// <param name="ShrinkFactor">1 when decoded at full size; 2, 4 or 8 when the codec decoded straight to a reduced size.</param>
/// <param name="UmPerPixel">Micrometres per source pixel from the file's resolution tags, or null when the file does not say.</param>
/// <param name="PageCount">Pages (TIFF IFDs) in the file; only the first is decoded.</param>
public sealed record ImageMetadata(
    ImageFormatKind Format,
    ChannelLayout SourceLayout,
    int SourceWidth,
    int SourceHeight,
    int SourceBitDepth,
    int ShrinkFactor = 1,
    double? UmPerPixel = null,
    int PageCount = 1);
