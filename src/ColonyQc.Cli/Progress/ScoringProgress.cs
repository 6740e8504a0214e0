using System.Diagnostics;
using System.Globalization;

namespace ColonyQc.Cli.Progress;

/// <summary>
/// Shows scoring progress: on a terminal one bar redrawn in place (count, rate, time left); when
/// output is redirected (a log file, a cluster job) a plain line every <see cref="PlainInterval"/>,
/// so logs stay short and greppable.
/// </summary>
internal sealed class ScoringProgress
{
    /// <summary>How often a plain progress line is written when output is redirected.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(10);

    // Terminal redraws are throttled: redrawing on every image would cost more than it shows.
    private static readonly TimeSpan BarInterval = TimeSpan.FromMilliseconds(200);
    private const int BarWidth = 30;

    private readonly TextWriter _output;
    private readonly bool _terminal;
    private readonly int _total;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _lastDraw;
    private int _done;
    private int _failed;

    /// <summary>Creates the display for <paramref name="total"/> files.</summary>
    public ScoringProgress(TextWriter output, bool terminal, int total)
    {
        _output = output;
        _terminal = terminal;
        _total = total;
    }

    /// <summary>Wall time since the display was created.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>True when <paramref name="output"/> is the real console and it is not redirected.</summary>
    public static bool IsTerminal(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

    /// <summary>Counts one finished file.</summary>
    public void Advance(bool failed)
    {
        _done++;
        if (failed)
        {
            _failed++;
        }

        var now = _clock.Elapsed;
        var interval = _terminal ? BarInterval : PlainInterval;
        if (_lastDraw is not { } last || now - last >= interval || _done == _total)
        {
            _lastDraw = now;
            Draw(now);
        }
    }

    /// <summary>Ends the bar line on a terminal (plain output needs nothing).</summary>
    public void Finish()
    {
        if (_terminal)
        {
            Draw(_clock.Elapsed);
            _output.WriteLine();
        }
    }

    private void Draw(TimeSpan elapsed)
    {
        var c = CultureInfo.InvariantCulture;
        var rate = elapsed.TotalSeconds > 0 ? _done / elapsed.TotalSeconds : 0;
        var left = rate > 0 ? TimeSpan.FromSeconds((_total - _done) / rate) : (TimeSpan?)null;
        var eta = left is { } l ? FormatDuration(l) : "--:--";
        var errors = _failed > 0 ? $"  {_failed} failed" : string.Empty;
        if (_terminal)
        {
            var filled = _total > 0 ? (int)((long)BarWidth * _done / _total) : BarWidth;
            var bar = new string('#', filled) + new string('.', BarWidth - filled);
            _output.Write($"\r[{bar}] {_done}/{_total}  {rate.ToString("0.0", c)} img/s  {eta} left{errors}   ");
        }
        else
        {
            var percent = _total > 0 ? 100.0 * _done / _total : 100;
            _output.WriteLine($"scored {_done}/{_total} ({percent.ToString("0", c)}%), {rate.ToString("0.0", c)} img/s, {eta} left{errors}");
        }

        _output.Flush();
    }

    internal static string FormatDuration(TimeSpan t) =>
        t.TotalHours >= 1
            ? $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}"
            : $"{t.Minutes:00}:{t.Seconds:00}";
}
