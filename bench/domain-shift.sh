#!/usr/bin/env bash
# Domain-shift benchmark (issue 10): does a model trained the project's way learn colony morphology,
# or one rendering style? For each imaging mode of the simulator (phase, brightfield, relief), train
# from scratch with that mode left out, then measure macro-F1 on held-out fields of the modes it
# trained on (in-domain) and of the mode it never saw (left out); optionally also on fields of the
# independent renderer (bench/foreign-renderer), which shares only DESIGN.md's class definitions.
#
#   bench/domain-shift.sh [--work DIR] [--train N] [--test N] [--epochs E] [--modes "phase brightfield relief"]
#                         [--foreign DIR] [--keep] [-- extra colonyqc train options]
#
# N are fields per mode (balanced over the three classes, EVOS plate layout, 3 fields per well, so
# splits are by well). Test fields are full 2048x1536 EVOS 4x frames from seeds never used in
# training; training fields are 1536x1152 to save time. Prints a markdown table and writes
# DIR/domain-shift.json. Takes about (modes x epochs x N / 100) minutes on 2 quiet cores.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=/tmp/colonyqc-domain-shift train=300 test=150 epochs=12 modes="phase brightfield relief" foreign="" keep=0
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --work) work=$2; shift 2 ;;
    --train) train=$2; shift 2 ;;
    --test) test=$2; shift 2 ;;
    --epochs) epochs=$2; shift 2 ;;
    --modes) modes=$2; shift 2 ;;
    --foreign) foreign=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "domain-shift.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

dotnet build src/ColonyQc.Cli -c Release -nologo -v q >/dev/null
cq() { dotnet "$root/src/ColonyQc.Cli/bin/Release/net10.0/linux-x64/colonyqc.dll" "$@"; }
mkdir -p "$work"
i=0
for m in $modes; do
  i=$((i + 1))
  [[ -f "$work/train-$m/labels.csv" ]] || cq synth --out "$work/train-$m" --modes "$m" --count "$train" --width 1536 --height 1152 \
    --seed $((100 + i)) --layout evos --fields-per-well 3 --plate-prefix "tr$m" >/dev/null
  [[ -f "$work/test-$m/labels.csv" ]] || cq synth --out "$work/test-$m" --modes "$m" --count "$test" \
    --seed $((200 + i)) --layout evos --fields-per-well 3 --plate-prefix "te$m" >/dev/null
done

# A labelled set over several folders: one labels.csv and annotations.csv with paths relative to it.
combine() {
  local out=$1; shift
  /usr/bin/python3 - "$out" "$@" <<'PY'
import csv, os, sys
out, folders = sys.argv[1], sys.argv[2:]
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, 'labels.csv'), 'w', newline='') as f, open(os.path.join(out, 'annotations.csv'), 'w', newline='') as g:
    labels, boxes = csv.writer(f), csv.writer(g)
    labels.writerow(['path', 'label', 'group'])
    boxes.writerow(['file', 'colony', 'x', 'y', 'width', 'height', 'class'])
    for folder in folders:
        rel = os.path.relpath(folder, out)
        for r in csv.DictReader(open(os.path.join(folder, 'labels.csv'))):
            labels.writerow([os.path.join(rel, r['file']), r['label'], os.path.basename(folder) + ':' + (r['group'] or r['file'])])
        for r in csv.DictReader(open(os.path.join(folder, 'annotations.csv'))):
            boxes.writerow([os.path.join(rel, r['file']), r['colony'], r['x'], r['y'], r['width'], r['height'], r['class']])
PY
}

f1() { /usr/bin/python3 -c "import json,sys; print('%.3f' % json.load(open(sys.argv[1]))['macroF1'])" "$1"; }
results="$work/domain-shift.json"
echo "[" > "$results"
first=1
echo "| left out | in-domain test macro-F1 (each trained mode) | left-out mode macro-F1 | independent renderer macro-F1 |"
echo "|---|---|---|---|"
for out in $modes; do
  trained=()
  for m in $modes; do [[ "$m" == "$out" ]] || trained+=("$work/train-$m"); done
  combine "$work/sets-no-$out" "${trained[@]}"
  model="$work/no-$out.onnx"
  [[ -f "$model" ]] || cq train --data "$work/sets-no-$out" --run-dir "$work/runs/no-$out" --out "$model" \
    --epochs "$epochs" --patience "$epochs" --um-per-px 0.86 "${extra[@]}" > "$work/no-$out.log"
  inside=()
  for m in $modes; do
    cq evaluate --model "$model" --data "$work/test-$m" --um-per-px 0.86 --out "$work/no-$out.test-$m.json" >/dev/null
    [[ "$m" == "$out" ]] || inside+=("$m $(f1 "$work/no-$out.test-$m.json")")
  done
  left=$(f1 "$work/no-$out.test-$out.json")
  far="-"
  if [[ -n "$foreign" ]]; then
    cq evaluate --model "$model" --data "$foreign" --out "$work/no-$out.foreign.json" >/dev/null
    far=$(f1 "$work/no-$out.foreign.json")
  fi
  echo "| $out | ${inside[*]} | **$left** | $far |"
  (( first )) || echo "," >> "$results"
  first=0
  printf '{"leftOut":"%s","leftOutMacroF1":%s,"inDomain":"%s","foreign":"%s"}\n' "$out" "$left" "${inside[*]}" "$far" >> "$results"
done
echo "]" >> "$results"
echo
echo "command: bench/domain-shift.sh --train $train --test $test --epochs $epochs${foreign:+ --foreign $foreign}; CPU: $(grep -o 'avx[0-9a-z_]*' /proc/cpuinfo | sort -u | tr '\n' ' ')"
(( keep )) || rm -rf "$work"/sets-no-*
