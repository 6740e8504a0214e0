using System.Runtime.InteropServices;
using ColonyQc.Inference.Preprocessing;
using Microsoft.ML.OnnxRuntime;

namespace ColonyQc.Inference.Scoring;

/// <summary>
/// One caller's way into the shared network: runs the windows of one <see cref="WindowBatch"/> in
/// calls of at most <c>callWindows</c> windows, writing their logits into a buffer of its own.
/// </summary>
/// <remarks>
/// The input and output tensors and their ONNX Runtime bindings are made once per (first slot,
/// window count) and kept, and the run options are reused, so in steady state a call allocates
/// nothing on the managed heap (<c>RunWithBinding</c> measured 0 bytes a call). Not thread-safe:
/// one lane per caller; <see cref="Run"/> itself runs its calls on up to <c>parallelism</c> threads.
/// </remarks>
internal sealed class NetworkLane : IDisposable
{
    private readonly WindowNetwork _network;
    private readonly WindowBatch _batch;
    private readonly int _callWindows;
    private readonly ParallelOptions? _parallel;
    private readonly float[] _logits;
    private readonly GCHandle _logitsPin;
    private readonly RunOptions _runOptions = new();
    private readonly Dictionary<(int Start, int Count), BoundCall> _calls = [];
    private BoundCall[] _plan = [];
    private bool _disposed;

    public NetworkLane(WindowNetwork network, WindowBatch batch, int callWindows, int parallelism)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(callWindows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parallelism);
        if (batch.WindowSize != network.WindowSize)
        {
            throw new ArgumentException($"the batch holds {batch.WindowSize} px windows but the model takes {network.WindowSize} px", nameof(batch));
        }

        _network = network;
        _batch = batch;

        // Slots with gaps between them cannot form one tensor: one window a call keeps each aligned.
        _callWindows = batch.IsContiguous ? Math.Min(callWindows, batch.Capacity) : 1;
        _parallel = parallelism > 1 ? new ParallelOptions { MaxDegreeOfParallelism = parallelism } : null;
        _logits = new float[batch.Capacity * network.ClassCount];
        _logitsPin = GCHandle.Alloc(_logits, GCHandleType.Pinned);
    }

    /// <summary>Runs every window written to the batch; their logits are then in <see cref="Logits"/>, window-major.</summary>
    public void Run()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var count = _batch.Count;
        if (count == 0)
        {
            return;
        }

        var calls = (count + _callWindows - 1) / _callWindows;
        if (_plan.Length < calls)
        {
            _plan = new BoundCall[(_batch.Capacity + _callWindows - 1) / _callWindows];
        }

        // Bindings are looked up (and made once) here, on the caller's thread: the cache is not thread-safe.
        for (var c = 0; c < calls; c++)
        {
            var start = c * _callWindows;
            _plan[c] = Bind(start, Math.Min(_callWindows, count - start));
        }

        if (calls == 1 || _parallel is null)
        {
            for (var c = 0; c < calls; c++)
            {
                _network.Session.RunWithBinding(_runOptions, _plan[c].Binding);
            }

            return;
        }

        var plan = _plan;
        var session = _network.Session;
        var runOptions = _runOptions;
        Parallel.For(0, calls, _parallel, c => session.RunWithBinding(runOptions, plan[c].Binding));
    }

    /// <summary>Logits of the first <paramref name="windows"/> windows of the last <see cref="Run"/>.</summary>
    public ReadOnlySpan<float> Logits(int windows) => _logits.AsSpan(0, windows * _network.ClassCount);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var call in _calls.Values)
        {
            call.Dispose();
        }

        _runOptions.Dispose();
        _logitsPin.Free();
    }

    private BoundCall Bind(int start, int count)
    {
        if (_calls.TryGetValue((start, count), out var call))
        {
            return call;
        }

        var size = _network.WindowSize;
        var classes = _network.ClassCount;
        var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _batch.Slots(start, count), [count, 1, size, size]);
        var output = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _logits.AsMemory(start * classes, count * classes), [count, classes]);
        var binding = _network.Session.CreateIoBinding();
        binding.BindInput(_network.InputName, input);
        binding.BindOutput(_network.OutputName, output);
        call = new BoundCall(input, output, binding);
        _calls.Add((start, count), call);
        return call;
    }

    /// <summary>The tensors of one call over fixed slots, bound once.</summary>
    private sealed class BoundCall(OrtValue input, OrtValue output, OrtIoBinding binding) : IDisposable
    {
        public OrtIoBinding Binding { get; } = binding;

        public void Dispose()
        {
            Binding.Dispose();
            input.Dispose();
            output.Dispose();
        }
    }
}
