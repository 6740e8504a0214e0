using System.Security.Cryptography;
using ColonyQc.Inference.Model;
using ColonyQc.Models;
using ColonyQc.Inference.Preprocessing;
using ColonyQc.Inference.Scoring;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ColonyQc.Inference;

/// <summary>
/// Scores microscope images with a ColonyQc model: decode, resample to the model's canonical scale,
/// cover with windows, run the network, calibrate, aggregate with the worst-colony rule, and apply
/// the quality gate. Immutable and thread-safe: one ONNX Runtime session serves every caller.
/// Dispose it to release the session.
/// </summary>
public sealed partial class ColonyClassifier : IDisposable
{
    private readonly InferenceSession _session;
    private readonly SessionOptions _sessionOptions;
    private readonly WindowNetwork _network;
    private readonly ImagePreparer _preparer;
    private readonly ScoringRunPool _runs;

    private ColonyClassifier(string modelPath, string sha256, ModelManifest manifest, InferenceSession session, SessionOptions sessionOptions, ClassifierOptions options)
    {
        ModelPath = modelPath;
        ModelSha256 = sha256;
        Manifest = manifest;
        Options = options;
        _session = session;
        _sessionOptions = sessionOptions;
        _network = new WindowNetwork(session, manifest);
        _preparer = new ImagePreparer(manifest);
        _runs = new ScoringRunPool(() => new ScoringRun(_network, manifest, options.BatchSize, options.Threads), maxIdle: Environment.ProcessorCount);
    }

    /// <summary>The model's self-description (classes, window, scale, calibration, limits).</summary>
    public ModelManifest Manifest { get; }

    /// <summary>The model file, as given to <see cref="Load"/> (full path).</summary>
    public string ModelPath { get; }

    /// <summary>SHA-256 of the model file (lower-case hex), for reports.</summary>
    public string ModelSha256 { get; }

    /// <summary>The options fixed at load time.</summary>
    public ClassifierOptions Options { get; }

    /// <summary>
    /// Loads the model shipped with ColonyQc: <c>models/colonyqc.onnx</c> beside the application, put there
    /// by the ColonyQc.Models package (which ColonyQc.Inference references).
    /// </summary>
    /// <exception cref="InvalidModelException">The shipped model is not beside the application (the package's assets were excluded, or the file was not published), or is invalid.</exception>
    /// <exception cref="PlatformNotSupportedException">ONNX Runtime's native library cannot be loaded on this platform.</exception>
    public static ColonyClassifier LoadDefault(ClassifierOptions? options = null)
    {
        if (!ShippedModel.Exists)
        {
            throw new InvalidModelException(ShippedModel.Path, "the shipped model is not beside the application: it comes with the ColonyQc.Models package (a dependency of ColonyQc.Inference), copied to models/colonyqc.onnx in the build and publish output; or load your own model with ColonyClassifier.Load(path)");
        }

        return Load(ShippedModel.Path, options);
    }

    /// <summary>Loads a ColonyQc model (.onnx with the manifest in its metadata); <c>"shipped"</c> loads the shipped model (<see cref="LoadDefault"/>).</summary>
    /// <exception cref="InvalidModelException">The file is missing or unreadable, not ONNX, has no or an incompatible manifest, or its input/output shapes disagree with the manifest.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is not positive.</exception>
    /// <exception cref="PlatformNotSupportedException">ONNX Runtime's native library cannot be loaded on this platform.</exception>
    public static ColonyClassifier Load(string modelPath, ClassifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        if (ShippedModel.IsAlias(modelPath) && !File.Exists(modelPath))
        {
            return LoadDefault(options);
        }

        options = (options ?? ClassifierOptions.Default).Validate();
        var fullPath = Path.GetFullPath(modelPath);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidModelException(fullPath, "the model file does not exist", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidModelException(fullPath, $"cannot read the model file: {e.Message}", e);
        }

        // One thread per call: results must not depend on the thread count (see WindowNetwork);
        // parallelism comes from running several calls at once.
        var sessionOptions = OnnxRuntimeNatives.CreateSessionOptions();
        sessionOptions.IntraOpNumThreads = 1;
        sessionOptions.InterOpNumThreads = 1;
        sessionOptions.ExecutionMode = ExecutionMode.ORT_SEQUENTIAL;
        sessionOptions.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL;

        // Spinning intra-op threads would burn the cores the other workers need between calls.
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        InferenceSession? session = null;
        try
        {
            try
            {
                session = new InferenceSession(bytes, sessionOptions);
            }
            catch (OnnxRuntimeException e)
            {
                throw new InvalidModelException(fullPath, $"not an ONNX model ONNX Runtime can load ({bytes.Length} bytes): {e.Message}", e);
            }

            if (!session.ModelMetadata.CustomMetadataMap.TryGetValue(ModelManifest.MetadataKey, out var json))
            {
                throw new InvalidModelException(fullPath, $"the ONNX model has no ColonyQc manifest (metadata key '{ModelManifest.MetadataKey}'): it was not made by colonyqc train");
            }

            var manifest = ModelManifestSerializer.FromJson(json, fullPath);
            CheckSignature(session, manifest, fullPath);
            var classifier = new ColonyClassifier(fullPath, Convert.ToHexStringLower(SHA256.HashData(bytes)), manifest, session, sessionOptions, options);
            session = null;
            return classifier;
        }
        catch
        {
            session?.Dispose();
            sessionOptions.Dispose();
            throw;
        }
    }

    /// <summary>Scores one image file. Never throws for a bad image: the result carries the error.</summary>
    public ImageScore Score(string path, ScoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options = (options ?? ScoreOptions.Default).Validate();
        return ScoreOne(_preparer.PrepareFile(path, options));
    }

    /// <summary>Scores one encoded image read from <paramref name="stream"/> (to its end); <paramref name="name"/> names it in results and errors.</summary>
    public ImageScore Score(Stream stream, string name, ScoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        options = (options ?? ScoreOptions.Default).Validate();
        return ScoreOne(_preparer.PrepareStream(stream, name, options));
    }

    /// <summary>Scores a raw row-major 8-bit grey buffer, e.g. from a camera SDK, at <paramref name="umPerPixel"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size or the scale is not positive, or the buffer is shorter than width*height.</exception>
    public ImageScore Score(ReadOnlySpan<byte> pixels, int width, int height, double umPerPixel, string name = "buffer", ScoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        options = (options ?? ScoreOptions.Default).Validate();
        return WithHash(ScoreOne(_preparer.PrepareRaw(pixels, width, height, umPerPixel, name)), options.ComputeSha256 ? pixels[..(width * height)] : default);
    }

    /// <summary>Scores a raw row-major 16-bit grey buffer, e.g. from a camera SDK, at <paramref name="umPerPixel"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size or the scale is not positive, or the buffer is shorter than width*height.</exception>
    public ImageScore Score(ReadOnlySpan<ushort> pixels, int width, int height, double umPerPixel, string name = "buffer", ScoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        options = (options ?? ScoreOptions.Default).Validate();
        return WithHash(ScoreOne(_preparer.PrepareRaw(pixels, width, height, umPerPixel, name)), options.ComputeSha256 ? System.Runtime.InteropServices.MemoryMarshal.AsBytes(pixels[..(width * height)]) : default);
    }

    /// <summary>
    /// Raw logits of every window of <paramref name="plane"/> (window-major, classes in manifest
    /// order), before temperature: what calibration fits the temperature on.
    /// </summary>
    /// <exception cref="ArgumentException">The layout's window size is not the model's, or it was made for another plane size.</exception>
    public float[] WindowLogits(CanonicalPlane plane, WindowLayout layout) =>
        WindowLogits(plane, layout, new double[layout.Count]);

    /// <summary>
    /// As <see cref="WindowLogits(CanonicalPlane, WindowLayout)"/>, and each window's texture (by the
    /// manifest's measure, the value the quality gate compares with <c>MinWindowTexture</c>) into
    /// <paramref name="textures"/>: evaluation uses both, through the very path scoring uses.
    /// </summary>
    /// <exception cref="ArgumentException">The layout's window size is not the model's, it was made for another plane size, or <paramref name="textures"/> does not hold one value per window.</exception>
    public float[] WindowLogits(CanonicalPlane plane, WindowLayout layout, Span<double> textures)
    {
        ArgumentNullException.ThrowIfNull(plane);
        if (layout.WindowSize != Manifest.WindowSize)
        {
            throw new ArgumentException($"the layout's windows are {layout.WindowSize} px but the model takes {Manifest.WindowSize} px", nameof(layout));
        }

        if (textures.Length != layout.Count)
        {
            throw new ArgumentException($"{textures.Length} texture slots for {layout.Count} windows", nameof(textures));
        }

        ScoringRun? run = _runs.Rent();
        try
        {
            var logits = run.Logits(plane, layout, textures);
            _runs.Return(run);
            run = null;
            return logits;
        }
        finally
        {
            // Thrown half-way: the run may hold windows of the failed call, so it is freed, not pooled.
            run?.Dispose();
        }
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose()
    {
        _runs.Dispose();
        _session.Dispose();
        _sessionOptions.Dispose();
    }

    private static ImageScore WithHash(ImageScore score, ReadOnlySpan<byte> bytes) =>
        bytes.IsEmpty ? score : score with { Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)) };

    private static void CheckSignature(InferenceSession session, ModelManifest manifest, string path)
    {
        if (!session.InputMetadata.TryGetValue(manifest.InputName, out var input))
        {
            throw new InvalidModelException(path, $"the manifest names input '{manifest.InputName}' but the graph's inputs are {string.Join(", ", session.InputMetadata.Keys)}");
        }

        if (!session.OutputMetadata.TryGetValue(manifest.OutputName, out var output))
        {
            throw new InvalidModelException(path, $"the manifest names output '{manifest.OutputName}' but the graph's outputs are {string.Join(", ", session.OutputMetadata.Keys)}");
        }

        var w = manifest.WindowSize;
        var inDims = input.Dimensions;
        if (input.ElementDataType != TensorElementType.Float || inDims.Length != 4 || inDims[1] != manifest.Channels || inDims[1] != 1 || !SideMatches(inDims[2], w) || !SideMatches(inDims[3], w))
        {
            throw new InvalidModelException(path, $"input '{manifest.InputName}' is {input.ElementDataType} [{string.Join(", ", inDims)}] but the manifest needs float32 [N, 1, {w}, {w}]");
        }

        var outDims = output.Dimensions;
        if (output.ElementDataType != TensorElementType.Float || outDims.Length != 2 || (outDims[1] >= 0 && outDims[1] != manifest.ClassNames.Count))
        {
            throw new InvalidModelException(path, $"output '{manifest.OutputName}' is {output.ElementDataType} [{string.Join(", ", outDims)}] but the manifest needs float32 [N, {manifest.ClassNames.Count}] for its classes {string.Join(", ", manifest.ClassNames)}");
        }
    }

    // A symbolic (-1) side is accepted: the manifest then fixes it.
    private static bool SideMatches(int dimension, int side) => dimension < 0 || dimension == side;

    // One image alone: its network calls run on every thread, for the shortest wait. The run (its
    // aligned batch and bound network calls) comes from a pool, so single-image calls in a loop do
    // not allocate them again.
    private ImageScore ScoreOne(PreparedImage image)
    {
        ScoringRun? run = _runs.Rent();
        try
        {
            var score = ScoreOne(run, image);
            _runs.Return(run);
            run = null;
            return score;
        }
        finally
        {
            // Thrown half-way: the run may hold windows of the failed call, so it is freed, not pooled.
            run?.Dispose();
        }
    }

    private static ImageScore ScoreOne(ScoringRun run, PreparedImage image)
    {
        run.Add(image);
        run.Flush();
        if (!run.TryTake(out var score))
        {
            throw new InvalidOperationException($"{image.Source}: no score after its windows were run");
        }

        return score;
    }
}
