using System.Buffers;
using System.Security.Cryptography;
using ColonyQc.Inference.Imaging;
using ColonyQc.Inference.Model;
using ColonyQc.Inference.Preprocessing;
using ColonyQc.Inference.Quality;

namespace ColonyQc.Inference.Scoring;

/// <summary>
/// Decode, scale, exposure, resample, focus and layout for one image: everything before the network.
/// Image defects and I/O failures become a failed <see cref="PreparedImage"/> naming the file, never
/// an exception, so one bad file cannot stop a batch.
/// </summary>
internal sealed class ImagePreparer
{
    private readonly ModelManifest _manifest;

    public ImagePreparer(ModelManifest manifest)
    {
        _manifest = manifest;
    }

    /// <summary>
    /// The largest shrink-on-load factor (1, 2, 4, 8) that keeps the decoded image at or above the
    /// canonical resolution, when the source scale is known before decoding (option or objective).
    /// With the scale only in the file, shrinking could undershoot: decode at full size.
    /// </summary>
    public static int MaxShrinkFactor(ScoreOptions options, double canonicalUmPerPixel)
    {
        double? known = options.UmPerPixel ?? (string.IsNullOrWhiteSpace(options.Objective) ? null : ScaleResolver.ObjectiveUmPerPixel(options.Objective));
        if (known is not { } um)
        {
            return 1;
        }

        var factor = 1;
        while (factor < 8 && um * factor * 2 <= canonicalUmPerPixel * (1 + 1e-9))
        {
            factor *= 2;
        }

        return factor;
    }

    /// <summary>Reads, hashes (when asked) and prepares a file.</summary>
    public PreparedImage PrepareFile(string path, ScoreOptions options)
    {
        PooledFileBytes bytes;
        try
        {
            bytes = PooledFileBytes.Read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return PreparedImage.Failed(path, $"{path}: cannot read the file: {e.Message}");
        }
        catch (InvalidImageException e)
        {
            return PreparedImage.Failed(path, e.Message);
        }

        using (bytes)
        {
            return PrepareEncoded(bytes.Span, path, options, bytes);
        }
    }

    /// <summary>Reads a stream to its end and prepares its content.</summary>
    public PreparedImage PrepareStream(Stream stream, string name, ScoreOptions options)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(stream.CanSeek ? (int)Math.Clamp(stream.Length - stream.Position, 1, Array.MaxLength) : 1 << 20);
        try
        {
            var length = 0;
            try
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(checked(buffer.Length * 2));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = stream.Read(buffer, length, buffer.Length - length);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                }
            }
            catch (Exception e) when (e is IOException or NotSupportedException or ObjectDisposedException)
            {
                return PreparedImage.Failed(name, $"{name}: cannot read the stream: {e.Message}");
            }

            return PrepareEncoded(buffer.AsSpan(0, length), name, options);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Decodes and prepares an encoded file already in memory.</summary>
    public PreparedImage PrepareEncoded(ReadOnlySpan<byte> data, string name, ScoreOptions options) =>
        PrepareEncoded(data, name, options, null);

    // file: the pooled buffer data was read into, which an uncompressed TIFF's decoder may take over;
    // the hash is taken before decoding for that reason.
    private PreparedImage PrepareEncoded(ReadOnlySpan<byte> data, string name, ScoreOptions options, PooledFileBytes? file)
    {
        var sha = options.ComputeSha256 ? Convert.ToHexStringLower(SHA256.HashData(data)) : null;
        GreyImage image;
        try
        {
            image = ImageDecoder.Decode(data, name, new DecodeOptions { MaxShrinkFactor = MaxShrinkFactor(options, _manifest.UmPerPixel) }, file);
        }
        catch (InvalidImageException e)
        {
            return PreparedImage.Failed(name, e.Message, sha);
        }

        using (image)
        {
            var metadata = image.Metadata;
            var (um, source) = ScaleResolver.Resolve(options.UmPerPixel, options.Objective, metadata.UmPerPixel, options.AssumedUmPerPixel);
            var facts = new ImageFacts(
                metadata.SourceWidth,
                metadata.SourceHeight,
                metadata.SourceBitDepth,
                metadata.Format.ToString().ToLowerInvariant(),
                metadata.SourceLayout.ToString().ToLowerInvariant(),
                um,
                source,
                metadata.PageCount);

            // Exposure first: its one pass brings the source into cache for the resampler.
            var exposure = ExposureMeter.Measure(image);
            var plane = CanonicalResampler.Resample(image, um, _manifest.UmPerPixel);
            return Finish(name, facts, plane, exposure, sha);
        }
    }

    /// <summary>Prepares a raw 8-bit grey buffer (camera SDKs).</summary>
    public PreparedImage PrepareRaw(ReadOnlySpan<byte> pixels, int width, int height, double umPerPixel, string name)
    {
        var facts = new ImageFacts(width, height, 8, "raw", "grey", umPerPixel, ScaleSource.Option, 1);
        var plane = CanonicalResampler.Resample(pixels, width, height, umPerPixel, _manifest.UmPerPixel);
        return Finish(name, facts, plane, ExposureMeter.Measure(pixels[..(width * height)]), null);
    }

    /// <summary>Prepares a raw 16-bit grey buffer (camera SDKs).</summary>
    public PreparedImage PrepareRaw(ReadOnlySpan<ushort> pixels, int width, int height, double umPerPixel, string name)
    {
        var facts = new ImageFacts(width, height, 16, "raw", "grey", umPerPixel, ScaleSource.Option, 1);
        var plane = CanonicalResampler.Resample(pixels, width, height, umPerPixel, _manifest.UmPerPixel);
        return Finish(name, facts, plane, ExposureMeter.Measure(pixels[..(width * height)]), null);
    }

    private PreparedImage Finish(string name, ImageFacts facts, CanonicalPlane plane, (double Over, double Under) exposure, string? sha)
    {
        var layout = WindowLayout.For(plane.Width, plane.Height, _manifest.WindowSize, _manifest.WindowStride);
        return PreparedImage.Ready(name, facts, plane, layout, exposure, FocusMeter.VarianceOfLaplacian(plane), sha);
    }
}
