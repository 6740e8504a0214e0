#!/usr/bin/env bash
# Training throughput of ColonyNet: TorchSharp (bench/ColonyQc.TrainBench) against the same network
# in Debian's PyTorch (bench/pytorch/train_bench.py), same batch, same threads, alternating.
#
#   bench/train-compare.sh [--rounds R] [--threads "1 2"] [--batch-size B] [--steps S] [--no-docs]
#
# Writes the table into docs/performance.md between the train markers.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
command_line="bench/train-compare.sh${*:+ $*}"
rounds=3 threads="1 2" batch=32 steps=20 docs=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --batch-size) batch=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --no-docs) docs=0; shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "train-compare.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
python=/usr/bin/python3
if ! "$python" -c 'import torch' 2>/dev/null; then
  apt-get install -y -qq python3-torch >/dev/null || { apt-get update -qq && apt-get install -y -qq python3-torch >/dev/null; }
fi
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
dotnet build bench/ColonyQc.TrainBench -c Release -nologo -v q >/dev/null
trainbench=$root/bench/ColonyQc.TrainBench/bin/Release/net10.0/linux-x64/colonyqc-trainbench
mkdir -p bench/data
results=bench/data/train-$(date -u +%Y%m%dT%H%M%S).jsonl
for ((r = 1; r <= rounds; r++)); do
  for t in $threads; do
    # Alternate which side goes first, so neither always runs on the warmer (or busier) machine.
    if (( r % 2 )); then sides="torchsharp pytorch"; else sides="pytorch torchsharp"; fi
    for side in $sides; do
      if [[ "$side" == torchsharp ]]; then
        "$trainbench" train --threads "$t" --batch-size "$batch" --steps "$steps" | tee -a "$results" >&2
      else
        "$python" bench/pytorch/train_bench.py --threads "$t" --batch-size "$batch" --steps "$steps" | tee -a "$results" >&2
      fi
    done
  done
done
facts="$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)); load average $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end (shared machine)"
"$python" - "$results" "$facts" "$command_line" "$batch" "$steps" "$rounds" "$([[ $docs == 1 ]] && echo docs/performance.md)" <<'PY'
import datetime, json, statistics, sys
path, facts, command, batch, steps, rounds, docs = sys.argv[1:8]
rows = [json.loads(l) for l in open(path) if l.strip()]
out = [f"Measured {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC with `{command}`: ColonyNet (shipped configuration, 128 px windows), "
       f"batch {batch}, {steps} timed steps after 3 warm-up steps, {rounds} rounds alternating. Machine: {facts}.", "",
       "| threads | TorchSharp images/s, median [min-max] | PyTorch images/s, median [min-max] | TorchSharp / PyTorch | TorchSharp ms/step | PyTorch ms/step |",
       "|---|---|---|---|---|---|"]
for t in sorted({r["threads"] for r in rows}):
    ts = [r for r in rows if r["threads"] == t and r["contender"] == "torchsharp-train"]
    pt = [r for r in rows if r["threads"] == t and r["contender"] == "pytorch-train"]
    a = [r["images_per_second"] for r in ts]; b = [r["images_per_second"] for r in pt]
    ma, mb = statistics.median(a), statistics.median(b)
    out.append(f"| {t} | {ma:.1f} [{min(a):.1f}-{max(a):.1f}] | {mb:.1f} [{min(b):.1f}-{max(b):.1f}] | **{ma / mb:.2f}x** | "
               f"{statistics.median(r['median_ms_per_step'] for r in ts):.0f} | {statistics.median(r['median_ms_per_step'] for r in pt):.0f} |")
out += ["", f"Versions: {rows[0]['note'].split(',')[0]}; {next(r for r in rows if r['contender'] == 'pytorch-train')['note'].split(',')[0]} (Debian). Target: TorchSharp >= 0.9x PyTorch."]
text = "\n".join(out)
print(text)
if docs:
    doc = open(docs, encoding="utf-8").read()
    b, e = "<!-- train:begin -->", "<!-- train:end -->"
    head, rest = doc.split(b, 1); _, tail = rest.split(e, 1)
    open(docs, "w", encoding="utf-8").write(head + b + "\n" + text + "\n" + e + tail)
PY
