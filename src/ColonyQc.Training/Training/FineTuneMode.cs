namespace ColonyQc.Training.Training;

/// <summary>How a base model is fine-tuned on a lab's labelled images.</summary>
public enum FineTuneMode
{
    /// <summary>
    /// Keep the base model's backbone and train only its classifier head on cached window features, with
    /// epochs, temperature and review threshold chosen by grouped cross-fitting: seconds to minutes, robust
    /// with a few images per class.
    /// </summary>
    Head = 0,

    /// <summary>Train every layer from the base model's weights, with a validation part for early stopping.</summary>
    Full = 1,
}
