using System.Globalization;
using ColonyQc.BenchSupport;
using ColonyQc.TrainBench;

// colonyqc-trainbench train [--threads N] [--batch-size B] [--steps S] [--warmup W]
// colonyqc-trainbench export-random-model --out PATH
try
{
    if (args.Length == 0)
    {
        throw new ArgumentException("usage: colonyqc-trainbench train [--threads N] [--batch-size B] [--steps S] [--warmup W] | export-random-model --out PATH");
    }

    var options = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 1; i + 1 < args.Length; i += 2)
    {
        options[args[i].TrimStart('-')] = args[i + 1];
    }

    int Int(string key, int fallback) => options.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
    switch (args[0])
    {
        case "train":
            Console.WriteLine(TrainingThroughput.Run(Int("threads", 2), Int("batch-size", 32), Int("steps", 20), Int("warmup", 3)));
            return 0;
        case "export-random-model":
            var path = options.TryGetValue("out", out var o) ? o : throw new ArgumentException("export-random-model needs --out PATH");
            RandomColonyNetModel.Export(path);
            Console.WriteLine($"wrote a random-initialised ColonyNet to {path}");
            return 0;
        default:
            throw new ArgumentException($"unknown mode '{args[0]}': train or export-random-model");
    }
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
