using ColonyQc.Inference.Model;
using Xunit;

namespace ColonyQc.Inference.Tests.Model;

public class ModelManifestVersion3Tests
{
    private static ModelManifest Sample() => new()
    {
        Architecture = "ColonyNet-v2",
        ClassNames = ["good", "bad"],
        ClassSeverities = [0, 1],
        Aggregation = new ImageAggregation(AggregationRule.OrderedPNorm, 6),
        WindowSize = 128,
        WindowStride = 96,
        UmPerPixel = 4,
        Normalization = new InputNormalization(),
    };

    [Fact]
    public void Severities_and_aggregation_round_trip()
    {
        var json = ModelManifestSerializer.ToJson(Sample());
        Assert.Contains("\"classSeverities\"", json, StringComparison.Ordinal);
        Assert.Contains("\"OrderedPNorm\"", json, StringComparison.Ordinal);
        var back = ModelManifestSerializer.FromJson(json, "m.onnx");
        Assert.Equal(3, back.FormatVersion);
        Assert.Equal([0, 1], back.Severities());
        Assert.Equal(new ImageAggregation(AggregationRule.OrderedPNorm, 6), back.ImageAggregationRule());
    }

    [Theory]
    [InlineData("classSeverities", "[0]", "2 classes")]
    [InlineData("classSeverities", "[0, -2]", "negative")]
    [InlineData("aggregation", "{\"rule\": \"OrderedPNorm\", \"exponent\": 0.1}", "exponent")]
    public void Inconsistent_version_3_fields_are_refused_with_the_defect_named(string field, string replacement, string expected)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(ModelManifestSerializer.ToJson(Sample()))!;
        node[field] = System.Text.Json.Nodes.JsonNode.Parse(replacement);
        var json = node.ToJsonString();
        var error = Assert.Throws<InvalidModelException>(() => ModelManifestSerializer.FromJson(json, "m.onnx"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
