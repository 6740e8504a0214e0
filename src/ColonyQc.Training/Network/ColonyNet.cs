using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ColonyQc.Training.Network;

/// <summary>
/// The ColonyQc window classifier: a compact residual CNN for one-channel microscope windows at
/// the canonical scale. Input N x 1 x W x W grey in [0,1]; output N x classes logits.
/// </summary>
/// <remarks>
/// Layers, with their state-dict names (also the ONNX initializer names):
/// <c>norm</c> per-window InstanceNorm (no affine), so exposure, gain and bit depth do not matter;
/// <c>stem</c>/<c>stem_bn</c> a strided conv-BN-ReLU that downsamples early (the cost of a window is
/// set here); <c>layer1</c>..<c>layer3</c> residual stages, each halving the resolution and doubling
/// the channels; global average pooling; <c>dropout</c>; <c>head</c> the linear classifier,
/// replaceable with <see cref="ResetClassifier"/> for a new class set.
/// Modules are registered by name rather than by <c>RegisterComponents()</c> because the code style
/// requires underscore-prefixed private fields while the state-dict keys must be PyTorch-like.
/// </remarks>
public sealed class ColonyNet : Module<Tensor, Tensor>
{
    private readonly InstanceNorm2d _norm;
    private readonly Conv2d _stem;
    private readonly BatchNorm2d _stemBn;
    private readonly ResidualBlock[][] _stages;
    private readonly Dropout _dropout;
    private Linear _head;
    private bool _backboneFrozen;

    private ColonyNet(ColonyNetConfig config)
        : base(nameof(ColonyNet))
    {
        Config = config;
        _norm = InstanceNorm2d(1, eps: config.InstanceNormEpsilon, affine: false, track_running_stats: false);
        _stem = Conv2d(1, config.Width, config.StemKernel, stride: config.StemStride, padding: config.StemKernel / 2, bias: false);
        _stemBn = BatchNorm2d(config.Width, eps: ColonyNetConfig.BatchNormEpsilon);
        register_module("norm", _norm);
        register_module("stem", _stem);
        register_module("stem_bn", _stemBn);

        var widths = config.StageWidths;
        _stages = new ResidualBlock[widths.Count][];
        var channels = config.Width;
        for (var s = 0; s < widths.Count; s++)
        {
            var blocks = new ResidualBlock[config.BlocksPerStage];
            var stage = Sequential();
            for (var b = 0; b < blocks.Length; b++)
            {
                blocks[b] = new ResidualBlock($"block{b}", channels, widths[s], b == 0 ? 2 : 1);
                stage.append(b.ToString(System.Globalization.CultureInfo.InvariantCulture), blocks[b]);
                channels = widths[s];
            }

            _stages[s] = blocks;
            register_module(StageName(s), stage);
        }

        FeatureChannels = channels;
        _dropout = Dropout(config.Dropout);
        _head = Linear(channels, config.ClassCount);
        register_module("dropout", _dropout);
        register_module("head", _head);
    }

    /// <summary>The configuration this network was built from (class count follows <see cref="ResetClassifier"/>).</summary>
    public ColonyNetConfig Config { get; private set; }

    /// <summary>Channels of the pooled feature vector the head reads.</summary>
    public int FeatureChannels { get; }

    /// <summary>True while <see cref="FreezeBackbone"/> keeps everything but the head fixed.</summary>
    public bool BackboneFrozen => _backboneFrozen;

    internal InstanceNorm2d Norm => _norm;

    internal Conv2d Stem => _stem;

    internal BatchNorm2d StemBn => _stemBn;

    internal IReadOnlyList<IReadOnlyList<ResidualBlock>> Stages => _stages;

    internal Linear Head => _head;

    /// <summary>Builds a freshly initialised network (weights from the current torch seed).</summary>
    /// <exception cref="ArgumentException">The configuration is invalid.</exception>
    public static ColonyNet Create(ColonyNetConfig config) => new(config.Validate());

    /// <summary>State-dict name of stage <paramref name="index"/> (0-based): layer1, layer2, ...</summary>
    public static string StageName(int index) => "layer" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return Classify(Features(input)).MoveToOuterDisposeScope();
    }

    /// <summary>The pooled feature vector of each window (N x <see cref="FeatureChannels"/>): what the head reads.</summary>
    public Tensor Features(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = _norm.call(input);
        x = functional.relu(_stemBn.call(_stem.call(x)));
        foreach (var stage in _stages)
        {
            foreach (var block in stage)
            {
                x = block.call(x);
            }
        }

        return functional.adaptive_avg_pool2d(x, 1).flatten(1).MoveToOuterDisposeScope();
    }

    /// <summary>The head (with dropout in training mode) on pooled features from <see cref="Features"/>.</summary>
    public Tensor Classify(Tensor features) => _head.call(_dropout.call(features));

    /// <summary>The head's weight (classes x <see cref="FeatureChannels"/>, row-major) and bias.</summary>
    public (float[] Weight, float[] Bias) HeadWeights()
    {
        using var w = _head.weight!.detach().contiguous();
        using var b = _head.bias!.detach().contiguous();
        return (w.data<float>().ToArray(), b.data<float>().ToArray());
    }

    /// <summary>Sets the head's weight and bias (a head trained elsewhere, e.g. on cached features).</summary>
    /// <exception cref="ArgumentException">The lengths do not match the head.</exception>
    public void SetHeadWeights(float[] weight, float[] bias)
    {
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(bias);
        var classes = Config.ClassCount;
        if (weight.Length != classes * FeatureChannels || bias.Length != classes)
        {
            throw new ArgumentException($"a head for {classes} classes of {FeatureChannels} features needs {classes * FeatureChannels} weights and {classes} biases");
        }

        using (no_grad())
        {
            using var w = tensor(weight, [classes, FeatureChannels]);
            using var b = tensor(bias, [classes]);
            _head.weight!.copy_(w);
            _head.bias!.copy_(b);
        }
    }

    /// <summary>
    /// Replaces the head with a freshly initialised one for <paramref name="classCount"/> classes
    /// (fine-tuning on a new class set); the backbone keeps its weights.
    /// </summary>
    public void ResetClassifier(int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        var old = _head;
        // register_module refuses a taken name; registering null removes the old entry first.
        register_module("head", null!);
        _head = Linear(FeatureChannels, classCount);
        register_module("head", _head);
        old.Dispose();
        Config = Config with { ClassCount = classCount };
        FreezeBackbone(_backboneFrozen);
    }

    /// <summary>
    /// Freezes (or releases) every parameter but the head's. While frozen, the backbone's batch
    /// normalisations also stay in evaluation mode, so their running statistics do not drift
    /// while only the head learns.
    /// </summary>
    public void FreezeBackbone(bool frozen)
    {
        _backboneFrozen = frozen;
        foreach (var (name, parameter) in named_parameters())
        {
            parameter.requires_grad = !frozen || name.StartsWith("head.", StringComparison.Ordinal);
        }

        train(training);
    }

    /// <inheritdoc />
    public override void train(bool train = true)
    {
        base.train(train);
        if (train && _backboneFrozen)
        {
            foreach (var (name, child) in named_children())
            {
                if (name is not "head" and not "dropout")
                {
                    child.eval();
                }
            }
        }
    }
}
