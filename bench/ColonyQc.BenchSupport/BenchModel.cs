namespace ColonyQc.BenchSupport;

/// <summary>
/// The model the benchmarks measure: the file named by <see cref="Variable"/>, else the shipped
/// <c>models/colonyqc.onnx</c>, else a random-initialised ColonyNet of the same architecture
/// exported once to the temporary folder (throughput does not depend on the weights).
/// </summary>
public static class BenchModel
{
    /// <summary>The environment variable that names the model file to measure.</summary>
    public const string Variable = "COLONYQC_BENCH_MODEL";

    /// <summary>Returns the model path, saying on <paramref name="log"/> which one was chosen.</summary>
    /// <exception cref="FileNotFoundException">The variable names a file that does not exist.</exception>
    public static string Resolve(TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var named = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(named))
        {
            if (!File.Exists(named))
            {
                throw new FileNotFoundException($"{Variable} names {named}, which does not exist", named);
            }

            log.WriteLine($"model: {named} (from {Variable})");
            return named;
        }

        if (File.Exists(RepositoryPaths.ShippedModel))
        {
            log.WriteLine($"model: {RepositoryPaths.ShippedModel} (shipped)");
            return RepositoryPaths.ShippedModel;
        }

        var random = Path.Combine(Path.GetTempPath(), "colonyqc-bench", "colonynet-random.onnx");
        if (!File.Exists(random))
        {
            RandomColonyNetModel.Export(random);
        }

        log.WriteLine($"model: {random} (no shipped model yet: random-initialised ColonyNet, same architecture)");
        return random;
    }
}
