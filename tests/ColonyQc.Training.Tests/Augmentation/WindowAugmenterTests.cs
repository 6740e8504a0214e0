using ColonyQc.Training.Augmentation;
using Xunit;

namespace ColonyQc.Training.Tests.Augmentation;

public class WindowAugmenterTests
{
    private const int Width = 90;
    private const int Height = 70;
    private const int Size = 32;

    private static float[] Plane()
    {
        var random = new Random(1);
        return Enumerable.Range(0, Width * Height).Select(i => (float)(((i % Width) / (double)Width * 0.5) + (random.NextDouble() * 0.3))).ToArray();
    }

    private static float[] Extract(int seed, AugmentationOptions options, double x = 20, double y = 15)
    {
        var output = new float[Size * Size];
        WindowAugmenter.Extract(Plane(), Width, Height, x, y, Size, options, new Random(seed), output);
        return output;
    }

    [Fact]
    public void Same_seed_gives_identical_windows()
    {
        Assert.Equal(Extract(42, AugmentationOptions.Default), Extract(42, AugmentationOptions.Default));
    }

    [Fact]
    public void Different_seeds_give_different_windows()
    {
        Assert.NotEqual(Extract(1, AugmentationOptions.Default), Extract(2, AugmentationOptions.Default));
    }

    [Fact]
    public void Without_augmentation_the_window_is_the_plane_crop()
    {
        var plane = Plane();
        var window = Extract(7, AugmentationOptions.None);
        for (var v = 0; v < Size; v++)
        {
            for (var u = 0; u < Size; u++)
            {
                Assert.Equal(plane[((15 + v) * Width) + 20 + u], window[(v * Size) + u], 5);
            }
        }
    }

    [Fact]
    public void Copy_equals_unaugmented_extract_and_mirrors_outside_the_plane()
    {
        var plane = Plane();
        var copy = new float[Size * Size];
        WindowAugmenter.Copy(plane, Width, Height, 20, 15, Size, copy);
        Assert.Equal(Extract(3, AugmentationOptions.None), copy, new ToleranceComparer(1e-5f));

        // Past the right edge column Width-1+k mirrors to Width-1-k.
        WindowAugmenter.Copy(plane, Width, Height, Width - 10, 0, Size, copy);
        Assert.Equal(plane[Width - 2], copy[10]);
    }

    [Fact]
    public void Augmented_values_stay_in_the_unit_range()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var window = Extract(seed, AugmentationOptions.Default with { BlurProbability = 1, NoiseProbability = 1 });
            Assert.All(window, v => Assert.InRange(v, 0f, 1f));
        }
    }

    [Fact]
    public void A_window_larger_than_the_plane_is_filled_by_mirroring()
    {
        var small = new float[10 * 8];
        for (var i = 0; i < small.Length; i++)
        {
            small[i] = i / 80f;
        }

        var output = new float[Size * Size];
        WindowAugmenter.Extract(small, 10, 8, 0, 0, Size, AugmentationOptions.Default, new Random(5), output);
        Assert.All(output, v => Assert.InRange(v, 0f, 1f));
        Assert.Contains(output, v => v > 0);
    }

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
