"""ColonyNet (src/ColonyQc.Training/Network) rewritten in PyTorch for the side-by-side benchmarks.

Same layers, same state-dict names (which are also the ONNX initializer names), so the weights of
a ColonyQc .onnx load straight into it: norm (InstanceNorm, no affine) -> stem conv-BN-ReLU with
early downsampling -> layer1..layer3 residual stages (each halves the resolution, doubles the
channels) -> global average pool -> dropout -> head.
"""

import torch
from torch import nn
import torch.nn.functional as F

BN_EPS = 1e-5

class ResidualBlock(nn.Module):
    def __init__(self, in_channels, out_channels, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(out_channels, eps=BN_EPS)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, stride=1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels, eps=BN_EPS)
        if stride != 1 or in_channels != out_channels:
            self.shortcut = nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False)
            self.shortcut_bn = nn.BatchNorm2d(out_channels, eps=BN_EPS)
        else:
            self.shortcut = None

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        skip = x if self.shortcut is None else self.shortcut_bn(self.shortcut(x))
        return F.relu(y + skip)

class ColonyNet(nn.Module):
    def __init__(self, width=16, blocks=1, stem_kernel=7, stem_stride=4, dropout=0.2, eps=1e-4, classes=3):
        super().__init__()
        self.norm = nn.InstanceNorm2d(1, eps=eps, affine=False, track_running_stats=False)
        self.stem = nn.Conv2d(1, width, stem_kernel, stride=stem_stride, padding=stem_kernel // 2, bias=False)
        self.stem_bn = nn.BatchNorm2d(width, eps=BN_EPS)
        channels = width
        for s, out in enumerate([width * 2, width * 4, width * 8]):
            stage = nn.Sequential()
            for b in range(blocks):
                stage.add_module(str(b), ResidualBlock(channels, out, 2 if b == 0 else 1))
                channels = out
            self.add_module(f"layer{s + 1}", stage)
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(channels, classes)

    def forward(self, x):
        x = self.norm(x)
        x = F.relu(self.stem_bn(self.stem(x)))
        x = self.layer3(self.layer2(self.layer1(x)))
        x = F.adaptive_avg_pool2d(x, 1).flatten(1)
        return self.head(self.dropout(x))

def parse_architecture(architecture):
    """Keyword arguments of ColonyNet from a manifest architecture string (ColonyNetConfig.Architecture)."""
    parts = dict(p.split("=", 1) for p in architecture.split(";")[1:] if "=" in p)
    return dict(width=int(parts["width"]), blocks=int(parts["blocks"]), stem_kernel=int(parts["stemKernel"]),
                stem_stride=int(parts["stemStride"]), dropout=float(parts["dropout"]), eps=float(parts["eps"]),
                classes=int(parts["classes"]))

def load_onnx(path):
    """(net, manifest dict, how the weights were loaded) from a ColonyQc .onnx file.

    Uses Debian's python3-onnx for the initializers; the network is built from the manifest's
    architecture string and every state-dict entry is filled from the initializer of the same name.
    """
    import json
    import onnx
    from onnx import numpy_helper

    model = onnx.load(path)
    meta = {p.key: p.value for p in model.metadata_props}
    manifest = json.loads(meta["colonyqc.manifest"])
    net = ColonyNet(**parse_architecture(manifest["architecture"]))
    initializers = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    state = net.state_dict()
    loaded, missing = 0, []
    for name, tensor in state.items():
        if name.endswith("num_batches_tracked"):
            continue
        if name in initializers and tuple(initializers[name].shape) == tuple(tensor.shape):
            state[name] = torch.from_numpy(initializers[name].copy())
            loaded += 1
        else:
            missing.append(name)
    net.load_state_dict(state)
    how = f"{loaded} tensors from the .onnx initializers" + (f", random for {len(missing)} ({', '.join(missing[:3])})" if missing else "")
    return net, manifest, how
