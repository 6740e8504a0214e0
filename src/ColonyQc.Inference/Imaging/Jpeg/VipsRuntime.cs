using NetVips;

namespace ColonyQc.Inference.Imaging.Jpeg;

/// <summary>
/// Configures libvips once per process before the first call: no operation cache (decoded images are
/// used once and would only hold memory) and one worker thread per pipeline, because ColonyQc already
/// decodes on its own worker threads and libvips would otherwise start a pool per call on a small machine.
/// </summary>
internal static class VipsRuntime
{
    private static readonly Lazy<bool> Configured = new(Configure, LazyThreadSafetyMode.ExecutionAndPublication);

    public static void EnsureConfigured() => _ = Configured.Value;

    private static bool Configure()
    {
        Cache.Max = 0;
        Cache.MaxFiles = 0;
        Cache.MaxMem = 0;
        NetVips.NetVips.Concurrency = 1;
        return true;
    }
}
