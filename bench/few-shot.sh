#!/usr/bin/env bash
# Few-shot learning curve (issue 10): fine-tune a base model with the one recommended command on n
# labelled images per class of a style it never saw, and score held-out images of that style; beside
# it, ML.NET's naive transfer recipe (bench/ColonyQc.MLNetAnchor) on the very same images.
#
#   bench/few-shot.sh --pool DIR --test DIR [--model models/colonyqc.onnx | --model none] [--sizes "5 10 30 100"]
#                     [--seeds "1 2 3"] [--work DIR] [--no-mlnet] [-- extra colonyqc train options]
#
# --model none trains without a base model (give e.g. -- --backbone resnet18).
#
# DIR: labelled sets with labels.csv (path,label,group[,um_per_px]); the pool and the test set must not
# share groups (e.g. the independent renderer with different seeds: bench/foreign-renderer). Subsets
# take whole wells (groups) until n fields per class, so a split never cuts a well. Prints a markdown
# table (macro-F1 mean and range over seeds, training time) and writes DIR/few-shot.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
pool="" test="" model="$root/models/colonyqc.onnx" sizes="5 10 30 100" seeds="1 2 3" work=/tmp/colonyqc-few-shot mlnet=1
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --pool) pool=$(realpath "$2"); shift 2 ;;
    --test) test=$(realpath "$2"); shift 2 ;;
    --model) [[ "$2" == none ]] && model=none || model=$(realpath "$2"); shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --seeds) seeds=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --no-mlnet) mlnet=0; shift ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "few-shot.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ -n "$pool" && -n "$test" ]] || { echo "few-shot.sh: --pool and --test are required (see --help)" >&2; exit 2; }

dotnet build src/ColonyQc.Cli -c Release -nologo -v q >/dev/null
cq() { dotnet "$root/src/ColonyQc.Cli/bin/Release/net10.0/linux-x64/colonyqc.dll" "$@"; }
if (( mlnet )); then
  dotnet build bench/ColonyQc.MLNetAnchor -c Release -nologo -v q >/dev/null
  anchor=$(find "$root/bench/ColonyQc.MLNetAnchor/bin/Release" -name colonyqc-mlnet-anchor -type f | head -1)
fi
mkdir -p "$work"
results="$work/few-shot.jsonl"
: > "$results"

subset() { # subset OUT N SEED: whole wells of the pool until N fields per class
  /usr/bin/python3 - "$pool" "$1" "$2" "$3" <<'PY'
import csv, os, random, sys
pool, out, n, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rows = list(csv.DictReader(open(os.path.join(pool, 'labels.csv'))))
by = {}
for r in rows:
    by.setdefault(r['label'], {}).setdefault(r['group'], []).append(r)
rng = random.Random(seed)
os.makedirs(out, exist_ok=True)
rel = os.path.relpath(pool, out)
with open(os.path.join(out, 'labels.csv'), 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['path', 'label', 'group', 'um_per_px'])
    for label in sorted(by):
        wells = sorted(by[label]); rng.shuffle(wells)
        taken = 0
        for g in wells:
            for r in by[label][g]:
                if taken < n:
                    w.writerow([os.path.join(rel, r['path']), label, g, r.get('um_per_px', '')]); taken += 1
PY
}

f1() { /usr/bin/python3 -c "import json,sys; print('%.3f' % json.load(open(sys.argv[1]))['macroF1'])" "$1"; }
for n in $sizes; do
  for s in $seeds; do
    dir="$work/n$n-s$s"
    subset "$dir/data" "$n" "$s"
    start=$(date +%s.%N)
    from=()
    [[ "$model" == none ]] || from=(--from "$model")
    cq train --data "$dir/data" "${from[@]}" --out "$dir/model.onnx" --run-dir "$dir/run" --seed "$s" "${extra[@]}" > "$dir/train.log" 2>&1
    seconds=$(echo "$(date +%s.%N) - $start" | bc)
    cq evaluate --model "$dir/model.onnx" --data "$test" --out "$dir/eval.json" > /dev/null
    ours=$(f1 "$dir/eval.json")
    theirs=null
    if (( mlnet )); then
      "$anchor" --train "$dir/data/labels.csv" --test "$test/labels.csv" --json "$dir/mlnet.json" --seed "$s" > "$dir/mlnet.log" 2>&1
      theirs=$(/usr/bin/python3 -c "import json,sys; print('%.3f' % json.load(open(sys.argv[1]))['MacroF1'])" "$dir/mlnet.json")
    fi
    printf '{"perClass":%s,"seed":%s,"colonyqc":%s,"colonyqcSeconds":%.1f,"mlnet":%s}\n' "$n" "$s" "$ours" "$seconds" "$theirs" | tee -a "$results"
  done
done

/usr/bin/python3 - "$results" <<'PY'
import json, sys, statistics as st
rows = [json.loads(l) for l in open(sys.argv[1])]
print('| labelled per class | ColonyQc fine-tune macro-F1 (mean, min-max) | training s | ML.NET ResNet-18 + L-BFGS macro-F1 |')
print('|---|---|---|---|')
for n in sorted({r['perClass'] for r in rows}):
    rs = [r for r in rows if r['perClass'] == n]
    ours = [r['colonyqc'] for r in rs]
    theirs = [r['mlnet'] for r in rs if r['mlnet'] is not None]
    fmt = lambda v: f"{st.mean(v):.3f} ({min(v):.3f}-{max(v):.3f})" if v else '-'
    print(f"| {n} | {fmt(ours)} | {st.mean(r['colonyqcSeconds'] for r in rs):.0f} | {fmt(theirs)} |")
PY
