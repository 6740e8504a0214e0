namespace ColonyQc.Benchmarks.Baselines;

/// <summary>
/// The area (box) resample a developer writes first: for every target pixel, walk the source
/// pixels under its footprint one by one with an indexer and a fractional weight per pixel, in
/// double precision, into a freshly allocated array. Same target size and same maths as
/// <c>CanonicalResampler</c>, so the two benchmarks do the same work.
/// </summary>
public static class NaiveAreaResampler
{
    /// <summary>Resamples an 8-bit plane to <paramref name="targetWidth"/> x <paramref name="targetHeight"/>, values in [0,1].</summary>
    public static float[] Resample(byte[] source, int width, int height, int targetWidth, int targetHeight)
    {
        var target = new float[targetWidth * targetHeight];
        var sx = (double)width / targetWidth;
        var sy = (double)height / targetHeight;
        for (var ty = 0; ty < targetHeight; ty++)
        {
            for (var tx = 0; tx < targetWidth; tx++)
            {
                target[(ty * targetWidth) + tx] = (float)(Footprint(source, null, width, height, tx * sx, (tx + 1) * sx, ty * sy, (ty + 1) * sy) / 255.0);
            }
        }

        return target;
    }

    /// <summary>Resamples a 16-bit plane to <paramref name="targetWidth"/> x <paramref name="targetHeight"/>, values in [0,1].</summary>
    public static float[] Resample(ushort[] source, int width, int height, int targetWidth, int targetHeight)
    {
        var target = new float[targetWidth * targetHeight];
        var sx = (double)width / targetWidth;
        var sy = (double)height / targetHeight;
        for (var ty = 0; ty < targetHeight; ty++)
        {
            for (var tx = 0; tx < targetWidth; tx++)
            {
                target[(ty * targetWidth) + tx] = (float)(Footprint(null, source, width, height, tx * sx, (tx + 1) * sx, ty * sy, (ty + 1) * sy) / 65535.0);
            }
        }

        return target;
    }

    // Mean of the source over [x0,x1) x [y0,y1), each pixel weighted by the part of it covered.
    // The per-pixel branch on the source type is deliberate: it is what the naive version does.
    // The footprint is clamped to the image: (t + 1) * scale can round a hair past the last pixel.
    private static double Footprint(byte[]? s8, ushort[]? s16, int width, int height, double x0, double x1, double y0, double y1)
    {
        double sum = 0, weights = 0;
        var yEnd = Math.Min((int)Math.Ceiling(y1), height);
        var xEnd = Math.Min((int)Math.Ceiling(x1), width);
        for (var y = (int)Math.Floor(y0); y < yEnd; y++)
        {
            var wy = Math.Min(y + 1, y1) - Math.Max(y, y0);
            for (var x = (int)Math.Floor(x0); x < xEnd; x++)
            {
                var w = wy * (Math.Min(x + 1, x1) - Math.Max(x, x0));
                var v = s8 is not null ? s8[(y * width) + x] : s16![(y * width) + x];
                sum += w * v;
                weights += w;
            }
        }

        return sum / weights;
    }
}
