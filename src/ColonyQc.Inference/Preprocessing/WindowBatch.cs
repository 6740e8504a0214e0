using System.Buffers;
using System.Runtime.InteropServices;

namespace ColonyQc.Inference.Preprocessing;

/// <summary>
/// A pooled NCHW float batch of single-channel windows (N x 1 x WindowSize x WindowSize), filled
/// slot by slot by <see cref="BatchWriter"/> and handed to the network as one tensor. Slots may come
/// from several images. The storage is pinned and starts on a 64-byte boundary (see remarks).
/// Dispose to return the buffer to <see cref="ArrayPool{T}"/>.
/// </summary>
/// <remarks>
/// Why aligned: measured with ONNX Runtime 1.31 on this project's machine, the logits of the same
/// window differ in the last bits with the address of the input tensor modulo 64 bytes (its first
/// convolution takes another code path for a misaligned start); with every batch on a 64-byte
/// boundary they are bit-identical whatever the batch size, the window's position in it or its
/// neighbours (tests/ColonyQc.Inference.Tests/Scoring pins this down). Pinned so the alignment
/// holds for the batch's whole life.
/// </remarks>
public sealed class WindowBatch : IDisposable
{
    /// <summary>The alignment of the first window, in bytes.</summary>
    public const int AlignmentBytes = 64;

    private const int AlignmentFloats = AlignmentBytes / sizeof(float);

    private float[]? _buffer;
    private GCHandle _pin;
    private readonly int _offset;

    private WindowBatch(int capacity, int windowSize)
    {
        Capacity = capacity;
        WindowSize = windowSize;
        SlotStride = ((windowSize * windowSize) + AlignmentFloats - 1) / AlignmentFloats * AlignmentFloats;
        var length = checked(capacity * SlotStride);
        var buffer = ArrayPool<float>.Shared.Rent(length + AlignmentFloats);
        _pin = GCHandle.Alloc(buffer, GCHandleType.Pinned);
        var address = _pin.AddrOfPinnedObject();
        _offset = (int)((AlignmentBytes - (address % AlignmentBytes)) % AlignmentBytes) / sizeof(float);
        _buffer = buffer;
    }

    /// <summary>The most windows the batch holds.</summary>
    public int Capacity { get; }

    /// <summary>Window side in pixels.</summary>
    public int WindowSize { get; }

    /// <summary>Floats per window (WindowSize squared).</summary>
    public int WindowLength => WindowSize * WindowSize;

    /// <summary>
    /// Floats from one slot to the next: <see cref="WindowLength"/> rounded up to 16 so every slot
    /// starts on a 64-byte boundary. Equal to WindowLength (the slots form one NCHW block) when the
    /// window side is a multiple of 4, as for every ColonyNet window.
    /// </summary>
    public int SlotStride { get; }

    /// <summary>True when the slots follow each other without gaps, so several can go to the network as one tensor.</summary>
    public bool IsContiguous => SlotStride == WindowLength;

    /// <summary>Windows written so far.</summary>
    public int Count { get; private set; }

    /// <summary>True when no slot is left.</summary>
    public bool IsFull => Count == Capacity;

    /// <summary>The written windows, N x 1 x WindowSize x WindowSize, as one block starting on a 64-byte boundary.</summary>
    /// <exception cref="InvalidOperationException">The batch is not <see cref="IsContiguous"/>.</exception>
    public Memory<float> Data => IsContiguous
        ? Buffer.AsMemory(_offset, Count * WindowLength)
        : throw new InvalidOperationException($"{WindowSize} px windows are stored with gaps (side not a multiple of 4): take them slot by slot");

    /// <summary>Slots <paramref name="start"/> to <paramref name="start"/>+<paramref name="count"/> (written or not) as one block; one slot when not contiguous.</summary>
    internal Memory<float> Slots(int start, int count) =>
        Buffer.AsMemory(_offset + (start * SlotStride), ((count - 1) * SlotStride) + WindowLength);

    private float[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(WindowBatch));

    /// <summary>Rents a batch of <paramref name="capacity"/> windows of <paramref name="windowSize"/> pixels.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public static WindowBatch Rent(int capacity, int windowSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowSize);
        return new WindowBatch(capacity, windowSize);
    }

    /// <summary>The pixels of written slot <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The slot has not been written.</exception>
    public Span<float> Slot(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the batch holds {Count} windows");
        }

        return Buffer.AsSpan(_offset + (index * SlotStride), WindowLength);
    }

    /// <summary>Empties the batch for reuse (the buffer is kept).</summary>
    public void Clear() => Count = 0;

    /// <summary>Returns the buffer to the pool; the batch must not be used afterwards.</summary>
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            _pin.Free();
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    /// <summary>Claims the next slot and returns its index.</summary>
    /// <exception cref="InvalidOperationException">The batch is full.</exception>
    internal int Claim()
    {
        if (IsFull)
        {
            throw new InvalidOperationException($"the batch is full ({Capacity} windows)");
        }

        return Count++;
    }

    /// <summary>The storage of slot <paramref name="index"/> (claimed or not).</summary>
    internal Span<float> RawSlot(int index) => Buffer.AsSpan(_offset + (index * SlotStride), WindowLength);
}
