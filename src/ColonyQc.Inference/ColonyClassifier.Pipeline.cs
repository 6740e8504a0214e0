using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ColonyQc.Inference.Scoring;

namespace ColonyQc.Inference;

/// <summary>Batch and streaming scoring: the bounded decode/preprocess/inference pipeline.</summary>
public sealed partial class ColonyClassifier
{
    /// <summary>
    /// Scores every path, in order. Bad files become error rows; the others are scored.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public IReadOnlyList<ImageScore> ScoreBatch(IReadOnlyList<string> paths, ScoreOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var results = new List<ImageScore>(paths.Count);

        // The pipeline is asynchronous inside; this blocks the caller until it has drained.
        Task.Run(
            async () =>
            {
                await foreach (var score in ScoreAsync(paths, options, null, cancellationToken).ConfigureAwait(false))
                {
                    results.Add(score);
                }
            },
            cancellationToken).GetAwaiter().GetResult();
        return results;
    }

    /// <summary>
    /// Scores a sequence of paths of any length, streaming results in input order.
    /// <see cref="ClassifierOptions.Threads"/> workers each take the next image and do all of its
    /// work, decoding, preprocessing and the network, so one worker's decoding overlaps another's
    /// inference and one thread really means one core. Only a bounded number of images is in flight,
    /// so memory does not grow with the sequence. Bad files become error rows and never stop the run.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled (thrown from the enumeration).</exception>
    public async IAsyncEnumerable<ImageScore> ScoreAsync(
        IEnumerable<string> paths,
        ScoreOptions? options = null,
        IProgress<ScoreProgress>? progress = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        options = (options ?? ScoreOptions.Default).Validate();
        var total = paths switch
        {
            IReadOnlyCollection<string> c => c.Count,
            ICollection<string> c => c.Count,
            _ => -1,
        };
        var workers = Options.Threads;

        // In flight at most: the images queued for workers, those being scored, and those scored and
        // waiting for an earlier one to finish, which is what bounds memory (a worker holds one
        // image's planes at a time; a waiting result is small).
        var inFlight = (2 * workers) + 2;
        var work = Channel.CreateBounded<PendingImage>(new BoundedChannelOptions(inFlight) { SingleWriter = true });
        var ordered = Channel.CreateBounded<PendingImage>(new BoundedChannelOptions(inFlight) { SingleWriter = true, SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = stop.Token;

        var producer = Task.Run(() => ProduceAsync(paths, work.Writer, ordered.Writer, token), token);
        var workerTasks = new Task[workers];
        for (var i = 0; i < workers; i++)
        {
            workerTasks[i] = Task.Run(() => ScoreWorkerAsync(work.Reader, options, token), token);
        }

        var clock = Stopwatch.StartNew();
        int completed = 0, failed = 0;
        try
        {
            await foreach (var pending in ordered.Reader.ReadAllAsync(token).ConfigureAwait(false))
            {
                var score = await pending.Done.Task.WaitAsync(token).ConfigureAwait(false);
                token.ThrowIfCancellationRequested();
                completed++;
                failed += score.Ok ? 0 : 1;
                progress?.Report(new ScoreProgress(completed, failed, total, clock.Elapsed));
                yield return score;
            }

            await producer.ConfigureAwait(false);
        }
        finally
        {
            // Stops the producer and workers (on completion, cancellation or an abandoned
            // enumeration); each worker returns its pooled buffers as it ends.
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(workerTasks.Append(producer)).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    private static async Task ProduceAsync(IEnumerable<string> paths, ChannelWriter<PendingImage> work, ChannelWriter<PendingImage> ordered, CancellationToken token)
    {
        try
        {
            foreach (var path in paths)
            {
                var pending = new PendingImage(path);

                // Ordered first: the consumer waits on it in input order while a worker scores it.
                await ordered.WriteAsync(pending, token).ConfigureAwait(false);
                await work.WriteAsync(pending, token).ConfigureAwait(false);
            }
        }
        finally
        {
            work.TryComplete();
            ordered.TryComplete();
        }
    }

    private async Task ScoreWorkerAsync(ChannelReader<PendingImage> work, ScoreOptions options, CancellationToken token)
    {
        // One run (aligned batch, bound network calls) per worker for the whole sequence: nothing
        // of it is allocated again per image.
        using var run = new ScoringRun(_network, Manifest, Options.BatchSize, parallelism: 1);
        try
        {
            await foreach (var pending in work.ReadAllAsync(token).ConfigureAwait(false))
            {
                try
                {
                    PreparedImage prepared;
                    try
                    {
                        prepared = pending.Path is null
                            ? PreparedImage.Failed("(null)", "(null): the path is null")
                            : _preparer.PrepareFile(pending.Path, options);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // A defect no decoder check caught must still be one error row, not a stopped run.
                        prepared = PreparedImage.Failed(pending.Path ?? "(null)", $"{pending.Path}: cannot be scored: {e.Message}");
                    }

                    if (token.IsCancellationRequested)
                    {
                        prepared.Dispose();
                        token.ThrowIfCancellationRequested();
                    }

                    pending.Done.TrySetResult(ScoreOne(run, prepared));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The network itself failed (not the image): the consumer rethrows it.
                    pending.Done.TrySetException(e);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }

    /// <summary>A path on its way through the pipeline; <see cref="Done"/> completes when a worker has scored it.</summary>
    private sealed class PendingImage(string? path)
    {
        public string? Path { get; } = path;

        public TaskCompletionSource<ImageScore> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
