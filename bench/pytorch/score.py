#!/usr/bin/env python3
"""PyTorch + PIL contender of bench/compare.sh: what a Python user writes for the same job.

A Dataset that opens each file with PIL, resizes the whole field into one window (longer side to
the window, area filter, aspect kept, reflected padding: the same single-window input the .NET
contenders get), a DataLoader with worker processes, ColonyNet in eval/inference mode with
torch.set_num_threads matched, softmax, one CSV row per image. Prints one JSON line like
colonyqc-compare. --decode-only measures PIL's decode alone (a decode-floor candidate).
"""
import argparse
import json
import os
import statistics
import sys
import time
from multiprocessing import Pool

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torch.utils.data import DataLoader, Dataset

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import colonynet  # noqa: E402

EXTENSIONS = (".tif", ".tiff", ".png", ".jpg", ".jpeg")
SIXTEEN_BIT = ("I;16", "I;16L", "I;16B", "I")


def list_images(directory):
    files = sorted(f for f in os.listdir(directory) if f.lower().endswith(EXTENSIONS))
    if not files:
        sys.exit(f"{directory} holds no .tif/.tiff/.png/.jpg/.jpeg image")
    return [os.path.join(directory, f) for f in files]


def load_window(path, window):
    """Whole field -> one window x window float tensor in [0,1] (1 x W x W)."""
    img = Image.open(path)
    if img.mode in SIXTEEN_BIT:
        # PIL resizes 16-bit only in float mode: scale to [0,1] first.
        img = Image.fromarray(np.asarray(img, dtype=np.float32) / 65535.0, mode="F")
        full_scale = 1.0
    else:
        if img.mode != "L":
            img = img.convert("L")
        full_scale = 255.0
    w, h = img.size
    scale = window / max(w, h)
    nw, nh = max(1, round(w * scale)), max(1, round(h * scale))
    img = img.resize((nw, nh), Image.BOX)
    t = torch.from_numpy(np.asarray(img, dtype=np.float32) / full_scale)[None, None]
    t = F.pad(t, (0, window - nw, 0, window - nh), mode="reflect")
    return t[0]


class FieldDataset(Dataset):
    def __init__(self, files, window):
        self.files, self.window = files, window

    def __len__(self):
        return len(self.files)

    def __getitem__(self, i):
        return load_window(self.files[i], self.window)


def decode(path):
    with Image.open(path) as img:
        img.load()
        return img.size[0]


def run_decode_only(args, files):
    for f in files[: args.warmup]:
        decode(f)
    sample = files[:24]
    times = []
    for f in sample:
        start = time.perf_counter()
        decode(f)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    with Pool(args.threads) as pool:
        start = time.perf_counter()
        pool.map(decode, files, chunksize=4)
        seconds = time.perf_counter() - start
    return dict(contender="pil-decode", label=args.label, input="decode", threads=args.threads, images=len(files),
                errors=0, seconds=seconds, images_per_second=len(files) / seconds,
                median_ms_per_image=statistics.median(times), min_max_ms_per_image=[times[0], times[-1]],
                note=f"PIL {Image.__version__} Image.open().load(), {args.threads} processes")


def run_score(args, files):
    torch.set_num_threads(args.threads)
    setup = time.perf_counter()
    if args.random_weights:
        torch.manual_seed(1)
        net, how = colonynet.ColonyNet(), "random weights"
        window, classes = args.window, ["good", "differentiating", "abnormal"]
    else:
        net, manifest, how = colonynet.load_onnx(args.model)
        window, classes = manifest["windowSize"], manifest["classNames"]
    net.eval()
    with torch.inference_mode():
        warm = torch.stack([load_window(f, window) for f in files[: max(1, args.warmup)]])
        net(warm)
    setup = time.perf_counter() - setup

    out = args.out or os.devnull
    loader = DataLoader(FieldDataset(files, window), batch_size=args.batch_size, num_workers=args.threads, shuffle=False)
    start = time.perf_counter()
    count = 0
    with open(out, "w", encoding="utf-8") as csv, torch.inference_mode():
        csv.write("file," + ",".join("p_" + c for c in classes) + ",error\n")
        for batch in loader:
            probabilities = torch.softmax(net(batch), dim=1).numpy()
            for row in probabilities:
                csv.write(os.path.basename(files[count]) + "," + ",".join(f"{p:.6f}" for p in row) + ",\n")
                count += 1
    seconds = time.perf_counter() - start
    return dict(contender="pytorch-pil", label=args.label, input="field", threads=args.threads, images=count,
                errors=len(files) - count, seconds=seconds, images_per_second=count / seconds, setup_seconds=setup,
                note=f"torch {torch.__version__}, PIL {Image.__version__}, DataLoader batch {args.batch_size} with "
                     f"{args.threads} workers, set_num_threads({args.threads}), {window}px window, {how}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--model")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--out")
    parser.add_argument("--label", default="")
    parser.add_argument("--warmup", type=int, default=4)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--window", type=int, default=128, help="window side with --random-weights")
    parser.add_argument("--random-weights", action="store_true")
    parser.add_argument("--decode-only", action="store_true")
    args = parser.parse_args()
    files = list_images(args.dir)
    result = run_decode_only(args, files) if args.decode_only else run_score(args, files)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
