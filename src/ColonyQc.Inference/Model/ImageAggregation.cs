using System.Text.Json.Serialization;

namespace ColonyQc.Inference.Model;

/// <summary>The image-from-windows rule a model was trained with and must be scored with (manifest version 3).</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Exponent">The exponent r of <see cref="AggregationRule.OrderedPNorm"/> (ignored by the other rules).</param>
public sealed record ImageAggregation(
    [property: JsonConverter(typeof(JsonStringEnumConverter<AggregationRule>))] AggregationRule Rule = AggregationRule.OrderedPNorm,
    double Exponent = ImageAggregation.DefaultExponent)
{
    /// <summary>The exponent new models are trained with (chosen on validation data: docs/model-card.md).</summary>
    public const double DefaultExponent = 8;

    /// <summary>The smallest and largest exponent a manifest may name (1 is a plain sum, large is the maximum).</summary>
    public const double MinExponent = 1, MaxExponent = 64;
}
