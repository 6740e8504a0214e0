namespace ColonyQc.Training.Evaluation;

/// <summary>
/// A confusion matrix (rows: true class, columns: predicted class) with the figures read from it.
/// Used for the per-epoch validation figures; the reported metrics come from ML.NET's evaluator
/// (<see cref="MetricsCalculator"/>), which tests check against these.
/// </summary>
public sealed class ConfusionCounts
{
    private readonly long[,] _counts;

    /// <summary>An empty matrix for <paramref name="classes"/> classes.</summary>
    public ConfusionCounts(int classes)
    {
        Classes = classes;
        _counts = new long[classes, classes];
    }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>All counted predictions.</summary>
    public long Total { get; private set; }

    /// <summary>Count of images of class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    public long this[int actual, int predicted] => _counts[actual, predicted];

    /// <summary>Counts one prediction.</summary>
    public void Add(int actual, int predicted)
    {
        _counts[actual, predicted]++;
        Total++;
    }

    /// <summary>Share of correct predictions (0 when empty).</summary>
    public double Accuracy()
    {
        long right = 0;
        for (var c = 0; c < Classes; c++)
        {
            right += _counts[c, c];
        }

        return Total == 0 ? 0 : (double)right / Total;
    }

    /// <summary>Precision of class <paramref name="c"/> (0 when never predicted).</summary>
    public double Precision(int c)
    {
        long predicted = 0;
        for (var a = 0; a < Classes; a++)
        {
            predicted += _counts[a, c];
        }

        return predicted == 0 ? 0 : (double)_counts[c, c] / predicted;
    }

    /// <summary>Recall of class <paramref name="c"/> (0 when absent).</summary>
    public double Recall(int c)
    {
        var support = Support(c);
        return support == 0 ? 0 : (double)_counts[c, c] / support;
    }

    /// <summary>Images of class <paramref name="c"/>.</summary>
    public long Support(int c)
    {
        long support = 0;
        for (var p = 0; p < Classes; p++)
        {
            support += _counts[c, p];
        }

        return support;
    }

    /// <summary>F1 of class <paramref name="c"/> (0 when precision and recall are both 0).</summary>
    public double F1(int c)
    {
        var p = Precision(c);
        var r = Recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /// <summary>Mean F1 over the classes present in the data (a class with no images and no predictions would only dilute it).</summary>
    public double MacroF1()
    {
        double sum = 0;
        var counted = 0;
        for (var c = 0; c < Classes; c++)
        {
            if (Support(c) == 0 && Precision(c) == 0 && !Predicted(c))
            {
                continue;
            }

            sum += F1(c);
            counted++;
        }

        return counted == 0 ? 0 : sum / counted;
    }

    private bool Predicted(int c)
    {
        for (var a = 0; a < Classes; a++)
        {
            if (_counts[a, c] > 0)
            {
                return true;
            }
        }

        return false;
    }
}
