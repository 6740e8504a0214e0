using System.Buffers;

namespace ColonyQc.Inference.Preprocessing;

/// <summary>
/// A pooled NCHW float batch of single-channel windows (N x 1 x WindowSize x WindowSize), filled
/// slot by slot by <see cref="BatchWriter"/> and handed to the network as one tensor. Slots may come
/// from several images. Dispose to return the buffer to <see cref="ArrayPool{T}"/>.
/// </summary>
public sealed class WindowBatch : IDisposable
{
    private float[]? _buffer;

    private WindowBatch(int capacity, int windowSize)
    {
        Capacity = capacity;
        WindowSize = windowSize;
        _buffer = ArrayPool<float>.Shared.Rent(checked(capacity * windowSize * windowSize));
    }

    /// <summary>The most windows the batch holds.</summary>
    public int Capacity { get; }

    /// <summary>Window side in pixels.</summary>
    public int WindowSize { get; }

    /// <summary>Floats per window (WindowSize squared).</summary>
    public int WindowLength => WindowSize * WindowSize;

    /// <summary>Windows written so far.</summary>
    public int Count { get; private set; }

    /// <summary>True when no slot is left.</summary>
    public bool IsFull => Count == Capacity;

    /// <summary>The written windows, N x 1 x WindowSize x WindowSize, as one block.</summary>
    public Memory<float> Data => Buffer.AsMemory(0, Count * WindowLength);

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

        return Buffer.AsSpan(index * WindowLength, WindowLength);
    }

    /// <summary>Empties the batch for reuse (the buffer is kept).</summary>
    public void Clear() => Count = 0;

    /// <summary>Returns the buffer to the pool; the batch must not be used afterwards.</summary>
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
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

    /// <summary>Fills zero windows up to the next multiple of <paramref name="multiple"/> slots (or the capacity).</summary>
    /// <returns>The number of padding windows added.</returns>
    internal int PadTo(int multiple)
    {
        var added = 0;
        while (Count % multiple != 0 && !IsFull)
        {
            RawSlot(Count++).Clear();
            added++;
        }

        return added;
    }

    /// <summary>The storage of slot <paramref name="index"/> (claimed or not).</summary>
    internal Span<float> RawSlot(int index) => Buffer.AsSpan(index * WindowLength, WindowLength);
}
