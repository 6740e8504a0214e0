namespace ColonyQc.Training.Training;

/// <summary>A frozen backbone: pooled features of grey windows, as the head of a model reads them.</summary>
internal interface IWindowFeatures
{
    /// <summary>Length of one window's feature vector.</summary>
    int FeatureChannels { get; }

    /// <summary>Features of <paramref name="count"/> windows (window-major, side*side values each): count x <see cref="FeatureChannels"/>.</summary>
    float[] Compute(float[] windows, int count, int side);
}
