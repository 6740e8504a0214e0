namespace ColonyQc.Training.Training;

/// <summary>The network a model is built on when it is not fine-tuned from a base model.</summary>
public enum Backbone
{
    /// <summary>ColonyNet, trained from scratch (every layer); the shipped model's network.</summary>
    ColonyNet = 0,

    /// <summary>
    /// The ImageNet-trained ResNet-18 trunk (frozen) with a head trained on its window features: for a lab
    /// with few labels and no base model that fits; several times ColonyNet's inference cost per field.
    /// </summary>
    ResNet18 = 1,
}
