namespace ColonyQc.CodecBench;

/// <summary>One encoded file the codecs are timed on.</summary>
/// <param name="Label">Row label in the table.</param>
/// <param name="Container">tiff, png or jpeg: which codecs can take it.</param>
/// <param name="Bytes">The whole file in memory (decode time excludes I/O).</param>
/// <param name="UmPerPixel">Source scale, for the resample to about 1.5 um/px.</param>
internal sealed record BenchInput(string Label, string Container, byte[] Bytes, double UmPerPixel);
