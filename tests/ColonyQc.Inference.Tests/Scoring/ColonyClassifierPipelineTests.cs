using ColonyQc.Inference.Scoring;
using Xunit;

namespace ColonyQc.Inference.Tests.Scoring;

[Collection(TestModelCollection.Name)]
public sealed class ColonyClassifierPipelineTests(TestModelFixture model)
{
    // Bit for bit: a window's probabilities depend only on its pixels, not on the batch it lands in,
    // the thread that runs it or the classifier instance (see WindowNetwork and WindowBatch).
    private static void AssertSameScores(IReadOnlyList<ImageScore> expected, IReadOnlyList<ImageScore> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Source, actual[i].Source);
            Assert.Equal(expected[i].Probabilities, actual[i].Probabilities);
            Assert.Equal(expected[i].Windows?.Probabilities, actual[i].Windows?.Probabilities);
            Assert.Equal(expected[i].ReviewReasons, actual[i].ReviewReasons);
            Assert.Equal(expected[i].Label, actual[i].Label);
        }
    }

    private IReadOnlyList<string> ManyPaths(int count) =>
        Enumerable.Range(0, count).Select(i => model.Fields[(i * 5) % model.Fields.Count]).ToArray();

    [Fact]
    public async Task Score_async_streams_in_input_order_with_progress()
    {
        // Mixed sizes and a failing file make workers finish out of order.
        var big = model.WriteFile("big.tif", ColonyQc.Inference.Imaging.Encoding.TiffEncoder.Encode(new byte[1024 * 768], 1024, 768));
        var paths = ManyPaths(10).ToList();
        paths.Insert(3, big);
        paths.Insert(7, Path.Combine(model.Folder, "nope.tif"));
        var reports = new List<ScoreProgress>();
        var progress = new SynchronousProgress(reports);

        var results = new List<ImageScore>();
        await foreach (var score in model.Classifier.ScoreAsync(paths.Where(_ => true), TestModelFixture.AtFieldScale, progress))
        {
            results.Add(score);
        }

        Assert.Equal(paths, results.Select(r => r.Source));
        Assert.Equal(12, reports.Count);
        Assert.Equal(new ScoreProgress(12, 1, -1, reports[^1].Elapsed), reports[^1]);
        Assert.Equal(Enumerable.Range(1, 12), reports.Select(r => r.Completed));
    }

    [Fact]
    public void Batch_equals_one_by_one_scoring()
    {
        var paths = ManyPaths(8);

        var batch = model.Classifier.ScoreBatch(paths, TestModelFixture.AtFieldScale);

        AssertSameScores(paths.Select(p => model.Classifier.Score(p, TestModelFixture.AtFieldScale)).ToArray(), batch);
    }

    [Fact]
    public void Probabilities_agree_across_batch_sizes_and_threads()
    {
        var paths = ManyPaths(7);
        using var reference = ColonyClassifier.Load(model.ModelPath, new ClassifierOptions { Threads = 1, BatchSize = 1 });
        var expected = reference.ScoreBatch(paths, TestModelFixture.AtFieldScale);

        foreach (var (threads, batchSize) in new[] { (1, 5), (2, 1), (2, 7), (2, 32), (3, 64) })
        {
            using var classifier = ColonyClassifier.Load(model.ModelPath, new ClassifierOptions { Threads = threads, BatchSize = batchSize });
            AssertSameScores(expected, classifier.ScoreBatch(paths, TestModelFixture.AtFieldScale));
        }
    }

    [Fact]
    public async Task Many_threads_through_one_classifier_equal_one_thread()
    {
        var paths = ManyPaths(12);
        var expected = paths.Select(p => model.Classifier.Score(p, TestModelFixture.AtFieldScale)).ToArray();
        var actual = new ImageScore[paths.Count];

        Parallel.For(0, paths.Count, new ParallelOptions { MaxDegreeOfParallelism = 6 }, i => actual[i] = model.Classifier.Score(paths[i], TestModelFixture.AtFieldScale));
        var concurrentBatches = Enumerable.Range(0, 3).Select(_ => Task.Run(() => model.Classifier.ScoreBatch(paths, TestModelFixture.AtFieldScale))).ToArray();
        var batches = await Task.WhenAll(concurrentBatches);

        AssertSameScores(expected, actual);
        foreach (var batch in batches)
        {
            AssertSameScores(expected, batch);
        }
    }

    [Fact]
    public async Task Cancellation_stops_the_run()
    {
        using var cancel = new CancellationTokenSource();
        var seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var score in model.Classifier.ScoreAsync(Endless(), TestModelFixture.AtFieldScale, cancellationToken: cancel.Token))
            {
                Assert.True(score.Ok);
                if (++seen == 3)
                {
                    await cancel.CancelAsync();
                }
            }
        });

        Assert.Equal(3, seen);
        Assert.ThrowsAny<OperationCanceledException>(() => model.Classifier.ScoreBatch(model.Fields, TestModelFixture.AtFieldScale, new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task Abandoned_enumeration_ends_the_workers()
    {
        var taken = 0;
        await foreach (var score in model.Classifier.ScoreAsync(Endless(), TestModelFixture.AtFieldScale))
        {
            if (++taken == 2)
            {
                break;
            }
        }

        Assert.Equal(2, taken);
    }

    [Theory]
    [InlineData(1, 1536)]
    [InlineData(2, 4096)]
    public void Steady_state_scoring_allocates_only_the_result(int threads, int maxBytes)
    {
        // One thread: every allocation is on this thread, so the per-thread counter sees them all.
        // Two: the parallel loop's helpers run some calls elsewhere; this thread's share still counts.
        using var classifier = ColonyClassifier.Load(model.ModelPath, new ClassifierOptions { Threads = threads, BatchSize = 2 });
        var pixels = new byte[256 * 192];
        new Random(9).NextBytes(pixels);
        for (var i = 0; i < 5; i++)
        {
            classifier.Score(pixels, 256, 192, 1.0);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        ImageScore? last = null;
        for (var i = 0; i < 20; i++)
        {
            last = classifier.Score(pixels, 256, 192, 1.0);
        }

        var perImage = (GC.GetAllocatedBytesForCurrentThread() - before) / 20.0;

        // What is left is the result itself (score, facts, probabilities, window grid, reasons) and
        // the per-image bookkeeping objects: no buffer (a 256x192 plane alone would be 48 KB of
        // floats, a 64 px window 16 KB) and no ONNX Runtime tensor or binding (pooled runs).
        Assert.NotNull(last);
        // Measured: 880 bytes with one thread, about 2.5 KB with two (the parallel loop's own objects).
        Assert.True(perImage < maxBytes, $"{perImage} bytes allocated per image with {threads} threads");
    }

    private IEnumerable<string> Endless()
    {
        for (var i = 0; ; i++)
        {
            yield return model.Fields[i % 3];
        }
    }

    private sealed class SynchronousProgress(List<ScoreProgress> reports) : IProgress<ScoreProgress>
    {
        public void Report(ScoreProgress value) => reports.Add(value);
    }
}
