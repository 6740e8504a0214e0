using ColonyQc.Compare;
using ColonyQc.Compare.Contenders;

// One contender run per process (bench/compare.sh alternates them): prints one JSON line.
try
{
    var parsed = CompareArguments.Parse(args);
    var result = parsed.Mode switch
    {
        "library" => await LibraryContender.RunAsync(parsed).ConfigureAwait(false),
        "mlnet" => MlNetContender.Run(parsed),
        "decode-floor" => DecodeFloorContender.Run(parsed),
        "preprocess" => PreprocessContender.Run(parsed),
        "stages" => StageProfile.Run(parsed),
        _ => throw new ArgumentException($"unknown mode '{parsed.Mode}': library, mlnet, decode-floor, preprocess or stages"),
    };
    Console.WriteLine(result.ToJsonLine());
    return 0;
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
