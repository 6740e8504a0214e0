using ColonyQc.Training.Onnx;

namespace ColonyQc.Training.Network;

/// <summary>
/// The network settings a user gave for a new model (trained from scratch, or a head on the ImageNet
/// trunk); every value left null keeps the chosen backbone's default. A base model brings its own and
/// ignores these.
/// </summary>
public sealed record NetworkOverrides
{
    /// <summary>Window side in canonical pixels.</summary>
    public int? WindowSize { get; init; }

    /// <summary>Step between windows in canonical pixels.</summary>
    public int? WindowStride { get; init; }

    /// <summary>Canonical scale, micrometres per pixel.</summary>
    public double? UmPerPixel { get; init; }

    /// <summary>ColonyNet stem channels.</summary>
    public int? Width { get; init; }

    /// <summary>Stages: ColonyNet's residual stages (3 or 4), or where the ImageNet trunk is cut (1-4).</summary>
    public int? Stages { get; init; }

    /// <summary>ColonyNet stem stride.</summary>
    public int? StemStride { get; init; }

    /// <summary>ColonyNet stem kernel side.</summary>
    public int? StemKernel { get; init; }

    /// <summary>ColonyNet dropout before the head.</summary>
    public double? Dropout { get; init; }

    /// <summary>A ColonyNet configuration: <paramref name="baseline"/> with the given values.</summary>
    public ColonyNetConfig Apply(ColonyNetConfig baseline) => baseline with
    {
        WindowSize = WindowSize ?? baseline.WindowSize,
        WindowStride = WindowStride ?? baseline.WindowStride,
        UmPerPixel = UmPerPixel ?? baseline.UmPerPixel,
        Width = Width ?? baseline.Width,
        Stages = Stages ?? baseline.Stages,
        StemStride = StemStride ?? baseline.StemStride,
        StemKernel = StemKernel ?? baseline.StemKernel,
        Dropout = Dropout ?? baseline.Dropout,
    };

    /// <summary>Window geometry and cut of a model on the ImageNet trunk, with the trunk's defaults.</summary>
    public (int WindowSize, int WindowStride, double UmPerPixel, int Stages) ForImageNetTrunk() => (
        WindowSize ?? ImageNetResNet18Defaults.WindowSize,
        WindowStride ?? ImageNetResNet18Defaults.WindowStride,
        UmPerPixel ?? ImageNetResNet18Defaults.UmPerPixel,
        Stages ?? ImageNetResNet18Defaults.Stages);
}
