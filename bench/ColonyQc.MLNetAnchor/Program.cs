using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using ColonyQc.MLNetAnchor;

// colonyqc-mlnet-anchor: ML.NET's naive transfer-learning recipe on a labelled train/test pair,
// the anchor ColonyQc's own training must beat (docs/mlnet-anchor.md).
AnchorArguments options;
try
{
    options = AnchorArguments.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

try
{
    var work = options.Work ?? Path.Combine(Path.GetTempPath(), "colonyqc-mlnet-anchor");
    var train = LoadableImages.Prepare(LabelledImages.Read(options.Train), Path.Combine(work, "train"));
    var test = LoadableImages.Prepare(LabelledImages.Read(options.Test), Path.Combine(work, "test"));
    foreach (var s in train.Skipped.Concat(test.Skipped))
    {
        Console.Error.WriteLine($"skipped: {s}");
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"train {train.Images.Count} images, test {test.Images.Count}; {train.Converted + test.Converted} converted to PNG for LoadImages in {train.Seconds + test.Seconds:0.0} s ({work})"));
    var result = AnchorRecipe.Run(options, train, test);
    Print(result);
    if (options.Json is not null)
    {
        File.WriteAllText(options.Json, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
    }

    return 0;
}
catch (InvalidDataException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

static void Print(AnchorResult r)
{
    var ci = CultureInfo.InvariantCulture;
    Console.WriteLine(r.Recipe);
    Console.WriteLine(string.Create(ci, $"{"class",-16} {"n",4} {"precision",9} {"recall",7} {"F1",6}"));
    foreach (var c in r.PerClass)
    {
        Console.WriteLine(string.Create(ci, $"{c.Name,-16} {c.Support,4} {c.Precision,9:0.000} {c.Recall,7:0.000} {c.F1,6:0.000}"));
    }

    Console.WriteLine(string.Create(ci, $"macro-F1 {r.MacroF1:0.000}  accuracy {r.MicroAccuracy:0.000}  log-loss {r.LogLoss:0.000}"));
    Console.WriteLine("confusion (rows true, columns predicted): " + string.Join(" ", r.ClassNames));
    for (var i = 0; i < r.ClassNames.Count; i++)
    {
        Console.WriteLine($"  {r.ClassNames[i],-16} {string.Join(" ", r.Confusion[i].Select(v => v.ToString(ci).PadLeft(4)))}");
    }

    Console.WriteLine(string.Create(ci,
        $"fit {r.FitSeconds:0.0} s; scoring {r.ScoreMsPerImage:0.0} ms/image (IDataView pass), PredictionEngine median {r.PredictionEngineMedianMs:0.0} ms; {r.Machine}"));
}
