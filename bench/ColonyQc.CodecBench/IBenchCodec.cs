namespace ColonyQc.CodecBench;

/// <summary>A decoder under test: decodes to one grey plane (8 or 16 bit) and hands it to a consumer.</summary>
internal interface IBenchCodec
{
    string Name { get; }

    bool CanDecode(BenchInput input);

    void Decode(BenchInput input, PlaneConsumer consumer);
}
