using Microsoft.ML.Data;

namespace ColonyQc.MLNetAnchor;

/// <summary>An input row: an image file and its label.</summary>
public sealed class ImageRow
{
    public string ImagePath { get; set; } = "";

    public string Label { get; set; } = "";
}

/// <summary>A scored row, as PredictionEngine and CreateEnumerable return it.</summary>
public sealed class ScoredRow
{
    public string ImagePath { get; set; } = "";

    [ColumnName("LabelText")]
    public string LabelText { get; set; } = "";

    [ColumnName("PredictedLabel")]
    public string PredictedLabel { get; set; } = "";

    [ColumnName("Score")]
    public float[] Score { get; set; } = [];
}
