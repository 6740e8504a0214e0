namespace ColonyQc.Inference.Model;

/// <summary>A model file that is missing, corrupt or incompatible with this ColonyQc.</summary>
public sealed class InvalidModelException : Exception
{
    /// <summary>Creates the exception for the model at <paramref name="modelPath"/>.</summary>
    public InvalidModelException(string modelPath, string defect, Exception? inner = null)
        : base($"{modelPath}: {defect}", inner)
    {
        ModelPath = modelPath;
        Defect = defect;
    }

    /// <summary>The model file.</summary>
    public string ModelPath { get; }

    /// <summary>What is wrong with it.</summary>
    public string Defect { get; }
}
