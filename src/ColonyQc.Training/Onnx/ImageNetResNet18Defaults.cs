namespace ColonyQc.Training.Onnx;

/// <summary>Defaults of models built on the ImageNet ResNet-18 trunk (<c>colonyqc train --backbone resnet18</c>).</summary>
public static class ImageNetResNet18Defaults
{
    /// <summary>Window side: 128 px at <see cref="UmPerPixel"/>, 512 um like ColonyNet's windows.</summary>
    public const int WindowSize = 128;

    /// <summary>Window step.</summary>
    public const int WindowStride = 112;

    /// <summary>Canonical scale: coarser than ColonyNet's, since the trunk costs far more per pixel.</summary>
    public const double UmPerPixel = 4.0;

    /// <summary>Stages of the trunk kept (all four: 512 features per window).</summary>
    public const int Stages = 4;
}
