using ColonyQc.Inference;
using ColonyQc.Inference.Imaging;
using ColonyQc.Inference.Model;
using ColonyQc.Inference.Scoring;

namespace ColonyQc.Compare;

/// <summary>
/// What the scoring path would use for a comparison's model and source scale: the manifest, the
/// default windows per network call, the score options (scale given) and the shrink-on-load they
/// allow. One place for the contenders that re-run parts of that path on their own.
/// </summary>
public sealed record ScoringSetup(ModelManifest Manifest, int BatchSize, ScoreOptions ScoreOptions, DecodeOptions DecodeOptions)
{
    /// <summary>Loads the model of <paramref name="args"/> once to read its manifest and the classifier defaults.</summary>
    public static ScoringSetup For(CompareArguments args)
    {
        using var classifier = ColonyClassifier.Load(args.RequireModel(), new ClassifierOptions { Threads = 1 });
        var scoreOptions = new ScoreOptions { UmPerPixel = args.SourceUmPerPixel };
        return new ScoringSetup(
            classifier.Manifest,
            classifier.Options.BatchSize,
            scoreOptions,
            new DecodeOptions { MaxShrinkFactor = ImagePreparer.MaxShrinkFactor(scoreOptions, classifier.Manifest.UmPerPixel) });
    }
}
