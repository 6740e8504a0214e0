using System.Globalization;

namespace ColonyQc.Compare;

/// <summary>
/// The per-image results every .NET contender writes (file, then one probability per class),
/// so that "results out" costs the same for each and the outputs can be compared.
/// </summary>
public sealed class ProbabilityCsv : IDisposable
{
    private readonly StreamWriter _writer;

    /// <summary>Creates the file with a header naming <paramref name="classNames"/>.</summary>
    public ProbabilityCsv(string path, IReadOnlyList<string> classNames)
    {
        _writer = new StreamWriter(path, append: false);
        _writer.WriteLine("file," + string.Join(',', classNames.Select(c => "p_" + c)) + ",error");
    }

    /// <summary>Writes one image's probabilities, or its error.</summary>
    public void Write(string file, IReadOnlyList<float> probabilities, string? error = null)
    {
        _writer.Write(Path.GetFileName(file));
        foreach (var p in probabilities)
        {
            _writer.Write(',');
            _writer.Write(p.ToString("0.######", CultureInfo.InvariantCulture));
        }

        _writer.Write(',');
        _writer.WriteLine(error?.Replace(',', ';') ?? "");
    }

    /// <summary>Softmax of <paramref name="logits"/> into <paramref name="probabilities"/> (max-shifted for stability).</summary>
    public static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        var max = float.NegativeInfinity;
        foreach (var l in logits)
        {
            max = MathF.Max(max, l);
        }

        var sum = 0f;
        for (var i = 0; i < logits.Length; i++)
        {
            probabilities[i] = MathF.Exp(logits[i] - max);
            sum += probabilities[i];
        }

        for (var i = 0; i < logits.Length; i++)
        {
            probabilities[i] /= sum;
        }
    }

    /// <summary>Flushes and closes the file.</summary>
    public void Dispose() => _writer.Dispose();
}
