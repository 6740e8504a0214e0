using ColonyQc.Inference.Model;
using ColonyQc.Inference.Preprocessing;
using Xunit;

namespace ColonyQc.Inference.Tests.Preprocessing;

public sealed class WindowTextureTests
{
    private static readonly SimdLevel[] Levels = [SimdLevel.Scalar, SimdLevel.Vector128, SimdLevel.Vector256];

    private static float[] RandomPlane(int width, int height, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, width * height).Select(_ => (float)random.NextDouble()).ToArray();
    }

    // The definition, in double, independent of the kernel's orthogonality shortcut: the window (read
    // with reflection) minus its least-squares fit on 1, x, y, x^2, y^2, x*y by the normal equations.
    private static double Reference(float[] plane, int width, int x0, int y0, int size, bool detrend)
    {
        var height = plane.Length / width;
        var n = size * size;
        var values = new double[n];
        var basis = new double[n][];
        for (var r = 0; r < size; r++)
        {
            for (var c = 0; c < size; c++)
            {
                values[(r * size) + c] = plane[(WindowLayout.ReflectIndex(y0 + r, height) * width) + WindowLayout.ReflectIndex(x0 + c, width)];
                double x = (c - (size / 2.0)) / size, y = (r - (size / 2.0)) / size; // scaled for conditioning only
                basis[(r * size) + c] = detrend ? [1, x, y, x * x, y * y, x * y] : [1];
            }
        }

        // Terms a window is too small to have (no slope at 1 px, no curvature at 2 px) are dropped.
        var terms = Enumerable.Range(0, basis[0].Length).Where(t => basis.Select(b => b[t]).Distinct().Count() > 1 || t == 0).ToList();
        if (size == 2)
        {
            // x^2 and y^2 equal x and y on two points (up to scale and offset): no curvature to fit.
            terms.RemoveAll(t => t is 3 or 4);
        }

        var k = terms.Count;
        var a = new double[k, k + 1];
        for (var i = 0; i < n; i++)
        {
            for (var p = 0; p < k; p++)
            {
                for (var q = 0; q < k; q++)
                {
                    a[p, q] += basis[i][terms[p]] * basis[i][terms[q]];
                }

                a[p, k] += basis[i][terms[p]] * values[i];
            }
        }

        for (var p = 0; p < k; p++)
        {
            for (var q = p + 1; q < k; q++)
            {
                var f = a[q, p] / a[p, p];
                for (var c = p; c <= k; c++)
                {
                    a[q, c] -= f * a[p, c];
                }
            }
        }

        var coefficients = new double[k];
        for (var p = k - 1; p >= 0; p--)
        {
            var v = a[p, k];
            for (var c = p + 1; c < k; c++)
            {
                v -= a[p, c] * coefficients[c];
            }

            coefficients[p] = v / a[p, p];
        }

        double squares = 0;
        for (var i = 0; i < n; i++)
        {
            var fit = 0.0;
            for (var p = 0; p < k; p++)
            {
                fit += coefficients[p] * basis[i][terms[p]];
            }

            squares += (values[i] - fit) * (values[i] - fit);
        }

        return Math.Sqrt(squares / n);
    }

    [Fact]
    public void Flat_window_has_no_texture()
    {
        var plane = Enumerable.Repeat(0.4f, 20 * 20).ToArray();

        Assert.Equal(0, WindowTexture.Measure(plane, 20, 3, 4, 10));
        Assert.Equal(0, WindowTexture.Measure(plane, 20, 3, 4, 10, TextureMeasure.Std));
    }

    [Fact]
    public void Checkerboard_of_zero_and_one_has_texture_one_half()
    {
        var plane = new float[16 * 16];
        for (var y = 0; y < 16; y++)
        {
            for (var x = 0; x < 16; x++)
            {
                plane[(y * 16) + x] = (x + y) % 2;
            }
        }

        Assert.Equal(0.5, WindowTexture.Measure(plane, 16, 2, 2, 12, TextureMeasure.Std), 1e-9);

        // A checkerboard is almost orthogonal to every smooth surface: detrending leaves nearly all of it.
        Assert.Equal(0.5, WindowTexture.Measure(plane, 16, 2, 2, 12), 1e-3);
    }

    [Fact]
    public void Lamp_gradient_and_vignetting_are_not_texture_but_texture_on_them_is()
    {
        // A steep ramp (0.2 to about 0.8 across 64 px, diagonal) darkened towards an off-centre
        // vignetting centre, with and without a +-0.01 checkerboard on top.
        const int Size = 64;
        var ramp = new float[Size * Size];
        var textured = new float[Size * Size];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var r2 = ((x - 80.0) * (x - 80.0)) + ((y + 20.0) * (y + 20.0));
                ramp[(y * Size) + x] = (float)(0.2 + (0.006 * x) + (0.003 * y) - (1.5e-5 * r2));
                textured[(y * Size) + x] = ramp[(y * Size) + x] + ((x + y) % 2 == 0 ? 0.01f : -0.01f);
            }
        }

        Assert.True(WindowTexture.Measure(ramp, Size, 0, 0, Size, TextureMeasure.Std) > 0.1);
        Assert.True(WindowTexture.Measure(ramp, Size, 0, 0, Size) < 1e-5, $"detrended ramp {WindowTexture.Measure(ramp, Size, 0, 0, Size):G3}");
        Assert.Equal(0.01, WindowTexture.Measure(textured, Size, 0, 0, Size), 1e-5);
    }

    [Fact]
    public void Window_past_the_plane_is_read_by_reflection()
    {
        // A 3x1 plane [0, 1, 0.5] reflected to 5 columns and rows reads 0, 1, 0.5, 1, 0 on every row.
        float[] plane = [0f, 1f, 0.5f];
        float[] reflected = [0f, 1f, 0.5f, 1f, 0f];
        var mean = reflected.Average();
        var expected = Math.Sqrt(reflected.Average(v => (v - mean) * (v - mean)));

        Assert.Equal(expected, WindowTexture.Measure(plane, 3, 0, 0, 5, TextureMeasure.Std), 1e-6);
        Assert.Equal(Reference(plane, 3, 0, 0, 5, detrend: true), WindowTexture.Measure(plane, 3, 0, 0, 5), 1e-6);
    }

    [Theory]
    [InlineData(1, 3, 5)]
    [InlineData(2, 3, 5)]
    [InlineData(7, 3, 5)]
    [InlineData(9, 3, 5)]
    [InlineData(31, 3, 5)]
    [InlineData(64, 3, 5)]
    [InlineData(40, -7, 50)]
    [InlineData(128, 0, 0)]
    public void Single_pass_detrended_texture_matches_the_two_pass_definition(int size, int x, int y)
    {
        var plane = RandomPlane(70, 70, size);

        // Compared as variances: a residual of (nearly) zero, as on a 2 px window, is a float
        // cancellation residue of about 1e-9 whose square root would dwarf any tolerance on the std.
        var detrended = WindowTexture.Measure(plane, 70, x, y, size);
        var plain = WindowTexture.Measure(plane, 70, x, y, size, TextureMeasure.Std);
        Assert.Equal(Math.Pow(Reference(plane, 70, x, y, size, detrend: true), 2), detrended * detrended, 1e-7);
        Assert.Equal(Math.Pow(Reference(plane, 70, x, y, size, detrend: false), 2), plain * plain, 1e-7);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(31)]
    [InlineData(64)]
    public void Every_vector_level_gives_the_scalar_bits(int size)
    {
        var plane = RandomPlane(70, 70, size);
        foreach (var measure in new[] { TextureMeasure.Std, TextureMeasure.QuadraticDetrendedStd })
        {
            foreach (var (x, y) in new[] { (3, 5), (-4, 60) })
            {
                var scalar = WindowTexture.Measure(plane, 70, x, y, size, measure, SimdLevel.Scalar);
                foreach (var level in Levels)
                {
                    Assert.Equal(scalar, WindowTexture.Measure(plane, 70, x, y, size, measure, level));
                }
            }
        }
    }

    [Fact]
    public void Plain_std_keeps_the_bits_of_the_sum_only_kernel()
    {
        // Version 1 models must score exactly as before: the moments kernel sums and squares like NormaliseAndSum.
        var plane = RandomPlane(70, 70, 11);
        foreach (var level in Levels)
        {
            var (sum, squares) = WindowKernels.NormaliseAndSum(plane.AsSpan((5 * 70) + 3), 70, 33, 33, Span<float>.Empty, 0f, 1f, plane[(5 * 70) + 3], level);
            var moments = WindowKernels.NormaliseAndMoments(plane.AsSpan((5 * 70) + 3), 70, 33, 33, Span<float>.Empty, 0f, 1f, plane[(5 * 70) + 3], level);
            Assert.Equal(sum, moments.Sum);
            Assert.Equal(squares, moments.SumSquares);
        }
    }

    [Fact]
    public void Plane_that_is_not_whole_rows_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WindowTexture.Measure(new float[10], 3, 0, 0, 2));
    }

    [Fact]
    public void Unknown_measure_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WindowTexture.Measure(new float[16], 4, 0, 0, 2, (TextureMeasure)7));
    }
}
