#!/usr/bin/env python3
"""Training throughput of ColonyNet in PyTorch: the same loop as bench/ColonyQc.TrainBench.

Random windows in [0,1] and random labels (the data pipeline is not what is measured), forward,
plain cross-entropy (the same on both sides), backward, AdamW step; torch.set_num_threads matched. One JSON line.
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import colonynet  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--window", type=int, default=128)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    net = colonynet.ColonyNet()
    net.train()
    optimizer = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=1e-4)
    loss = nn.CrossEntropyLoss()
    inputs = torch.rand(args.batch_size, 1, args.window, args.window)
    labels = torch.randint(0, 3, (args.batch_size,))

    def step():
        optimizer.zero_grad()
        loss(net(inputs), labels).backward()
        optimizer.step()

    for _ in range(args.warmup):
        step()
    times = []
    start = time.perf_counter()
    for _ in range(args.steps):
        t = time.perf_counter()
        step()
        times.append((time.perf_counter() - t) * 1000)
    seconds = time.perf_counter() - start
    times.sort()
    print(json.dumps(dict(contender="pytorch-train", threads=args.threads, batch_size=args.batch_size, steps=args.steps,
                          seconds=seconds, images_per_second=args.batch_size * args.steps / seconds,
                          median_ms_per_step=statistics.median(times), min_max_ms_per_step=[times[0], times[-1]],
                          note=f"torch {torch.__version__}, ColonyNet width 16, {args.window}px")))


if __name__ == "__main__":
    main()
