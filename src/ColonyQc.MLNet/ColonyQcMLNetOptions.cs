using Microsoft.ML.Transforms.Image;

namespace ColonyQc.MLNet;

/// <summary>Column names and image handling of <see cref="ColonyQcTransformsCatalogExtensions.ColonyQcScore"/>.</summary>
public sealed record ColonyQcMLNetOptions
{
    /// <summary>Input column holding image paths (relative to <see cref="ImageFolder"/> when that is set).</summary>
    public string ImagePathColumn { get; init; } = "ImagePath";

    /// <summary>Folder the image paths are relative to; null for absolute paths.</summary>
    public string? ImageFolder { get; init; }

    /// <summary>
    /// How an image that is not one window becomes one: ML.NET cannot tile an image into windows,
    /// so it resizes the whole image (default: keep the aspect ratio and crop the centre).
    /// </summary>
    public ImageResizingEstimator.ResizingKind Resizing { get; init; } = ImageResizingEstimator.ResizingKind.IsoCrop;

    /// <summary>Output column of calibrated class probabilities (vector of float, model class order).</summary>
    public string ProbabilitiesColumn { get; init; } = "Probabilities";

    /// <summary>Output column of the most probable class name.</summary>
    public string PredictedLabelColumn { get; init; } = "PredictedLabel";

    /// <summary>Output column of the probability of the predicted class.</summary>
    public string ConfidenceColumn { get; init; } = "Confidence";
}
