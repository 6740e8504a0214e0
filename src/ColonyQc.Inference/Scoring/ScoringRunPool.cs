using System.Collections.Concurrent;

namespace ColonyQc.Inference.Scoring;

/// <summary>
/// Idle <see cref="ScoringRun"/>s for single-image calls, so a caller scoring images one at a time
/// (or many callers at once) reuses their pinned batches and bound network calls instead of making
/// them again per image. Keeps at most <c>maxIdle</c>; thread-safe.
/// </summary>
internal sealed class ScoringRunPool(Func<ScoringRun> create, int maxIdle) : IDisposable
{
    private readonly ConcurrentBag<ScoringRun> _idle = [];
    private int _idleCount;
    private volatile bool _disposed;

    /// <summary>An idle run, or a new one.</summary>
    public ScoringRun Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryTake(out var run))
        {
            Interlocked.Decrement(ref _idleCount);
            return run;
        }

        return create();
    }

    /// <summary>Takes back a run that finished cleanly (nothing left in it); disposes it when the pool is full or disposed.</summary>
    public void Return(ScoringRun run)
    {
        if (_disposed || Interlocked.Increment(ref _idleCount) > maxIdle)
        {
            if (!_disposed)
            {
                Interlocked.Decrement(ref _idleCount);
            }

            run.Dispose();
            return;
        }

        _idle.Add(run);

        // Disposed while this run was being added: make sure nothing stays behind.
        if (_disposed)
        {
            DrainIdle();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        DrainIdle();
    }

    private void DrainIdle()
    {
        while (_idle.TryTake(out var run))
        {
            Interlocked.Decrement(ref _idleCount);
            run.Dispose();
        }
    }
}
