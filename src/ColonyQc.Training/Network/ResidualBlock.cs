using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ColonyQc.Training.Network;

/// <summary>
/// A basic residual block: conv3x3(stride)-BN-ReLU-conv3x3-BN, plus the input (through a strided
/// 1x1 conv-BN when the shape changes), then ReLU. Submodules are registered under PyTorch-style
/// state-dict names (conv1, bn1, conv2, bn2, shortcut, shortcut_bn) that the ONNX exporter uses as
/// initializer names.
/// </summary>
public sealed class ResidualBlock : Module<Tensor, Tensor>
{
    private readonly Conv2d _conv1;
    private readonly BatchNorm2d _bn1;
    private readonly Conv2d _conv2;
    private readonly BatchNorm2d _bn2;
    private readonly Conv2d? _shortcut;
    private readonly BatchNorm2d? _shortcutBn;

    /// <summary>Creates a block from <paramref name="inChannels"/> to <paramref name="outChannels"/> channels.</summary>
    public ResidualBlock(string name, int inChannels, int outChannels, int stride)
        : base(name)
    {
        InChannels = inChannels;
        OutChannels = outChannels;
        Stride = stride;
        _conv1 = Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false);
        _bn1 = BatchNorm2d(outChannels, eps: ColonyNetConfig.BatchNormEpsilon);
        _conv2 = Conv2d(outChannels, outChannels, 3, stride: 1, padding: 1, bias: false);
        _bn2 = BatchNorm2d(outChannels, eps: ColonyNetConfig.BatchNormEpsilon);
        register_module("conv1", _conv1);
        register_module("bn1", _bn1);
        register_module("conv2", _conv2);
        register_module("bn2", _bn2);
        if (stride != 1 || inChannels != outChannels)
        {
            _shortcut = Conv2d(inChannels, outChannels, 1, stride: stride, bias: false);
            _shortcutBn = BatchNorm2d(outChannels, eps: ColonyNetConfig.BatchNormEpsilon);
            register_module("shortcut", _shortcut);
            register_module("shortcut_bn", _shortcutBn);
        }
    }

    /// <summary>Input channels.</summary>
    public int InChannels { get; }

    /// <summary>Output channels.</summary>
    public int OutChannels { get; }

    /// <summary>Stride of the first convolution (and of the shortcut).</summary>
    public int Stride { get; }

    /// <summary>True when the shortcut is a 1x1 convolution rather than the identity.</summary>
    public bool HasProjection => _shortcut is not null;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var y = functional.relu(_bn1.call(_conv1.call(input)));
        y = _bn2.call(_conv2.call(y));
        var skip = _shortcut is null ? input : _shortcutBn!.call(_shortcut.call(input));
        return functional.relu(y.add(skip)).MoveToOuterDisposeScope();
    }
}
