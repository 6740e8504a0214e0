namespace ColonyQc.CodecBench;

/// <summary>What happens to a decoded grey plane: nothing (decode alone) or the shared resample.</summary>
internal delegate void PlaneConsumer(ReadOnlySpan<byte> pixels8, ReadOnlySpan<ushort> pixels16, int width, int height);
