using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ColonyQc.Inference.Preprocessing;
using Xunit;

namespace ColonyQc.Inference.Tests.Preprocessing;

public sealed class WindowBatchTests
{
    // The batch's storage is pinned, so its address is stable while we look at it.
    private static long Address(Span<float> span) =>
        Unsafe.ByteOffset(ref Unsafe.NullRef<float>(), ref MemoryMarshal.GetReference(span));

    [Theory]
    [InlineData(1, 16)]
    [InlineData(3, 64)]
    [InlineData(5, 6)]
    [InlineData(4, 7)]
    public void Every_slot_starts_on_a_64_byte_boundary(int capacity, int windowSize)
    {
        // Many rentals, so the pool hands out arrays at many addresses.
        for (var round = 0; round < 20; round++)
        {
            using var batch = WindowBatch.Rent(capacity, windowSize);
            for (var i = 0; i < capacity; i++)
            {
                batch.Claim();
                Assert.Equal(0, Address(batch.Slot(i)) % WindowBatch.AlignmentBytes);
            }
        }
    }

    [Fact]
    public void Window_sides_that_are_a_multiple_of_4_make_one_block()
    {
        using var batch = WindowBatch.Rent(3, 8);
        Assert.True(batch.IsContiguous);
        Assert.Equal(64, batch.SlotStride);
        batch.Claim();
        batch.Claim();
        batch.Slot(1)[0] = 42;
        Assert.Equal(128, batch.Data.Length);
        Assert.Equal(42, batch.Data.Span[64]);
    }

    [Fact]
    public void Other_window_sides_are_padded_and_refuse_to_be_one_block()
    {
        using var batch = WindowBatch.Rent(3, 6);
        Assert.False(batch.IsContiguous);
        Assert.Equal(48, batch.SlotStride);
        batch.Claim();
        Assert.Equal(36, batch.Slot(0).Length);
        Assert.Throws<InvalidOperationException>(() => batch.Data);
    }

    [Fact]
    public void Unwritten_slots_cannot_be_read()
    {
        using var batch = WindowBatch.Rent(2, 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Slot(0));
    }
}
