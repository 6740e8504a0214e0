using System.Diagnostics;
using System.Globalization;

namespace ColonyQc.Training.Training;

/// <summary>
/// Shows training progress: on a terminal one self-overwriting bar line (epoch, batch, loss, last
/// validation figures), redrawn at most a few times a second; when the output is redirected
/// (a log file, CI) one plain line per epoch instead, so logs stay readable.
/// </summary>
public sealed class TrainingConsole : IProgress<TrainingProgress>
{
    private const int BarWidth = 24;
    private readonly TextWriter _writer;
    private readonly bool _interactive;
    private readonly Stopwatch _sinceDraw = Stopwatch.StartNew();
    private int _lastEpochPrinted;

    /// <summary>Writes to <paramref name="writer"/>; <paramref name="interactive"/> is true on a terminal (e.g. !Console.IsOutputRedirected).</summary>
    public TrainingConsole(TextWriter writer, bool interactive)
    {
        _writer = writer;
        _interactive = interactive;
    }

    /// <inheritdoc />
    public void Report(TrainingProgress value)
    {
        if (value.LastEpoch is { } done && done.Epoch > _lastEpochPrinted)
        {
            _lastEpochPrinted = done.Epoch;
            if (_interactive)
            {
                _writer.Write('\r' + new string(' ', 100) + '\r');
            }

            _writer.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"epoch {done.Epoch}/{value.Epochs}: train loss {done.TrainLoss:F4}, val loss {done.ValidationLoss:F4}, val macro-F1 {done.ValidationMacroF1:F4}, val accuracy {done.ValidationAccuracy:F4}, lr {done.LearningRate:G3}, {done.Seconds:F0} s"));
        }

        if (!_interactive || (_sinceDraw.ElapsedMilliseconds < 250 && value.Batch != value.Batches))
        {
            return;
        }

        _sinceDraw.Restart();
        var filled = value.Batches == 0 ? 0 : (int)((long)BarWidth * value.Batch / value.Batches);
        var bar = new string('#', filled) + new string('.', BarWidth - filled);
        var last = value.LastEpoch is { } e ? string.Create(CultureInfo.InvariantCulture, $" | val F1 {e.ValidationMacroF1:F3} acc {e.ValidationAccuracy:F3}") : string.Empty;
        _writer.Write(string.Create(CultureInfo.InvariantCulture, $"\repoch {value.Epoch}/{value.Epochs} [{bar}] {value.Batch}/{value.Batches} loss {value.TrainLoss:F4}{last}   "));
        _writer.Flush();
    }
}
