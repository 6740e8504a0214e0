using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Memory;

namespace ColonyQc.Inference.Imaging.Managed;

/// <summary>
/// The one ImageSharp configuration every ColonyQc decode uses. ColonyQc already decodes on its own worker
/// threads, so ImageSharp's own parallelism is off (one decode per thread); its buffer pool is bounded so a
/// long-running process does not keep hundreds of megabytes of decoder scratch after a burst of large files.
/// </summary>
internal static class ImageSharpRuntime
{
    /// <summary>Pool kept between decodes; an EVOS frame as RGB is 9.4 MB, so this holds a few.</summary>
    private const int PoolMegabytes = 48;

    public static Configuration Configuration { get; } = Create();

    private static Configuration Create()
    {
        var configuration = Configuration.Default.Clone();
        configuration.MaxDegreeOfParallelism = 1;
        configuration.PreferContiguousImageBuffers = true;
        configuration.MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions { MaximumPoolSizeMegabytes = PoolMegabytes });
        return configuration;
    }
}
