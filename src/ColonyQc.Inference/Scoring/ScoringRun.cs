using ColonyQc.Inference.Model;
using ColonyQc.Inference.Preprocessing;
using ColonyQc.Inference.Quality;

namespace ColonyQc.Inference.Scoring;

/// <summary>
/// Scores prepared images in the order they are added: their windows are normalised into a pooled,
/// aligned batch of <c>callWindows</c> x <c>parallelism</c> windows (a batch may span images), each
/// full batch goes through the network in calls of <c>callWindows</c> windows, up to
/// <c>parallelism</c> at once, and an image's <see cref="ImageScore"/> is released once all its
/// windows are scored and every earlier image has been released. A window's probabilities do not
/// depend on the batch it lands in (see <see cref="WindowNetwork"/>). Not thread-safe: one run per
/// caller or pipeline worker.
/// </summary>
internal sealed class ScoringRun : IDisposable
{
    private readonly WindowNetwork _network;
    private readonly ModelManifest _manifest;
    private readonly WindowBatch _batch;
    private readonly NetworkLane _lane;
    private readonly List<(OpenImage Image, int Window)> _slots;
    private readonly Queue<OpenImage> _open = new();
    private readonly Queue<ImageScore> _finished = new();

    public ScoringRun(WindowNetwork network, ModelManifest manifest, int callWindows, int parallelism)
    {
        _network = network;
        _manifest = manifest;
        var capacity = checked(callWindows * parallelism);
        _batch = WindowBatch.Rent(capacity, manifest.WindowSize);
        _lane = network.OpenLane(_batch, callWindows, parallelism);
        _slots = new List<(OpenImage, int)>(capacity);
    }

    /// <summary>Scores finished so far and not yet taken, in input order.</summary>
    public int FinishedCount => _finished.Count;

    /// <summary>Adds an image; takes ownership of it (disposed once its windows are in batches and scored).</summary>
    public void Add(PreparedImage image)
    {
        var open = new OpenImage(image, _manifest);
        _open.Enqueue(open);
        if (image.Plane is { } plane)
        {
            var classCount = _network.ClassCount;
            var normalization = _manifest.Normalization;
            var measure = _manifest.QualityGate.TextureMeasure;
            for (var w = 0; w < image.Layout.Count; w++)
            {
                open.Textures[w] = BatchWriter.Append(_batch, plane, image.Layout, w, normalization, measure);
                _slots.Add((open, w));
                if (_batch.IsFull)
                {
                    RunBatch(classCount);
                }
            }

            // All windows are in batches: the plane is no longer needed, so memory stays bounded.
            image.Dispose();
        }

        Release();
    }

    /// <summary>Scores the windows still waiting in a partly filled batch.</summary>
    public void Flush()
    {
        RunBatch(_network.ClassCount);
        Release();
    }

    /// <summary>Takes the next finished score in input order.</summary>
    public bool TryTake(out ImageScore score) => _finished.TryDequeue(out score!);

    /// <summary>
    /// Raw logits of every window of a plane, window-major (for calibration and evaluation), and each
    /// window's texture by the manifest's measure into <paramref name="textures"/> (layout.Count values),
    /// from the same pass that copies the window into the batch. Leaves the run empty.
    /// </summary>
    public float[] Logits(CanonicalPlane plane, WindowLayout layout, Span<double> textures)
    {
        var classCount = _network.ClassCount;
        var logits = new float[layout.Count * classCount];
        var done = 0;
        for (var w = 0; w < layout.Count; w++)
        {
            textures[w] = BatchWriter.Append(_batch, plane, layout, w, _manifest.Normalization, _manifest.QualityGate.TextureMeasure);
            if (_batch.IsFull || w == layout.Count - 1)
            {
                var windows = _batch.Count;
                _lane.Run();
                _lane.Logits(windows).CopyTo(logits.AsSpan(done * classCount));
                done += windows;
                _batch.Clear();
            }
        }

        return logits;
    }

    public void Dispose()
    {
        foreach (var open in _open)
        {
            open.Image.Dispose();
        }

        _lane.Dispose();
        _batch.Dispose();
    }

    private void RunBatch(int classCount)
    {
        if (_batch.Count == 0)
        {
            return;
        }

        _lane.Run();
        var logits = _lane.Logits(_batch.Count);
        var temperature = _manifest.Temperature;
        for (var s = 0; s < _slots.Count; s++)
        {
            var (open, window) = _slots[s];
            WindowAggregator.Softmax(logits.Slice(s * classCount, classCount), temperature, open.Probabilities.AsSpan(window * classCount, classCount));
            open.Scored++;
        }

        _slots.Clear();
        _batch.Clear();
    }

    private void Release()
    {
        while (_open.TryPeek(out var open) && open.IsComplete)
        {
            _open.Dequeue();
            _finished.Enqueue(open.ToScore(_manifest, _network.Aggregator));
        }
    }

    /// <summary>An image whose windows are (partly) in batches.</summary>
    private sealed class OpenImage
    {
        public OpenImage(PreparedImage image, ModelManifest manifest)
        {
            Image = image;
            var windows = image.Plane is null ? 0 : image.Layout.Count;
            Textures = new double[windows];
            Probabilities = new float[windows * manifest.ClassNames.Count];
        }

        public PreparedImage Image { get; }

        public double[] Textures { get; }

        public float[] Probabilities { get; }

        public int Scored { get; set; }

        public bool IsComplete => Scored == Textures.Length;

        public ImageScore ToScore(ModelManifest manifest, WindowAggregator aggregator)
        {
            var image = Image;
            if (image.Error is not null || image.Facts is null)
            {
                return new ImageScore { Source = image.Source, Error = image.Error ?? $"{image.Source}: not decoded", Sha256 = image.Sha256 };
            }

            var limits = manifest.QualityGate;
            var voting = new bool[Textures.Length];
            var votingFraction = QualityGate.VotingFraction(Textures, limits, voting);
            var probabilities = new float[manifest.ClassNames.Count];
            aggregator.Aggregate(Probabilities, voting, probabilities);
            var best = WindowAggregator.ArgMax(probabilities);
            var deciding = aggregator.DecidingWindow(Probabilities, voting, best);
            var measures = new QualityMeasures(image.Focus, image.OverExposed, image.UnderExposed, votingFraction);
            var layout = image.Layout;
            return new ImageScore
            {
                Source = image.Source,
                Label = manifest.ClassNames[best],
                Probabilities = probabilities,
                Confidence = probabilities[best],
                ReviewReasons = QualityGate.Reasons(measures, limits, probabilities[best], manifest.ReviewThreshold, image.Facts.ScaleSource),
                Windows = new WindowGrid(layout.Columns, layout.Rows, layout.WindowSize, layout.Stride, layout.PlaneWidth, layout.PlaneHeight, Probabilities, voting) { DecidingWindow = deciding },
                Facts = image.Facts,
                Quality = measures,
                Sha256 = image.Sha256,
            };
        }
    }
}
