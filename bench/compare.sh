#!/usr/bin/env bash
# Side-by-side throughput on this machine: ColonyQc (library and CLI) against ML.NET's own image
# pipeline, PyTorch + PIL and the decode floor, on the same simulated EVOS fields and the same
# model. Writes the table into docs/performance.md (between the compare markers).
#
#   bench/compare.sh [--count N] [--rounds R] [--threads "1 2"] [--formats "tiff8 tiff16 lzw png jpeg"]
#                    [--contenders "floor pil-floor preprocess lib-field lib-windows cli mlnet pytorch"]
#                    [--memory] [--no-docs]
#
# Defaults (200 fields per format, 3 rounds, 1 and 2 threads) finish in about 15 minutes on 2 cores.
# Fields go to bench/data/ (git-ignored) and are reused while count and seed match.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
command_line="bench/compare.sh${*:+ $*}"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

count=200 rounds=3 threads="1 2" formats="tiff8 tiff16 lzw png jpeg"
contenders="floor pil-floor preprocess lib-field lib-windows cli mlnet pytorch"
memory=0 docs=1 seed=20261202 source_um=0.8625
while [[ $# -gt 0 ]]; do
  case "$1" in
    --count) count=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --formats) formats=$2; shift 2 ;;
    --contenders) contenders=$2; shift 2 ;;
    --memory) memory=1; shift ;;
    --no-docs) docs=0; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "compare.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

data=${COLONYQC_BENCH_DATA:-$root/bench/data}
mkdir -p "$data"
log() { printf '[compare %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# --- tools -----------------------------------------------------------------------------------
# Debian's own PyTorch and PIL (the system interpreter: a pyenv python3 on PATH has neither).
python=/usr/bin/python3
if ! "$python" -c 'import torch, torchvision, PIL, onnx, numpy' 2>/dev/null; then
  log "installing Debian's python3-torch python3-torchvision python3-pil python3-onnx python3-numpy"
  apt-get install -y -qq python3-torch python3-torchvision python3-pil python3-onnx python3-numpy >/dev/null \
    || { apt-get update -qq && apt-get install -y -qq python3-torch python3-torchvision python3-pil python3-onnx python3-numpy >/dev/null; }
fi
if [[ ! -x /usr/bin/time ]]; then
  apt-get install -y -qq time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
fi

log "building the CLI and the comparison console (Release)"
dotnet build src/ColonyQc.Cli -c Release -nologo -v q >/dev/null
dotnet build bench/ColonyQc.Compare -c Release -nologo -v q >/dev/null
cli=$root/src/ColonyQc.Cli/bin/Release/net10.0/linux-x64/colonyqc
compare=$root/bench/ColonyQc.Compare/bin/Release/net10.0/linux-x64/colonyqc-compare

# --- model -----------------------------------------------------------------------------------
model=${COLONYQC_BENCH_MODEL:-$root/models/colonyqc.onnx}
model_note="the shipped model (models/colonyqc.onnx)"
if [[ ! -f "$model" ]]; then
  model=$data/colonynet-random.onnx
  model_note="a random-initialised ColonyNet of the shipped architecture (no trained model yet; throughput does not depend on the weights)"
  if [[ ! -f "$model" ]]; then
    log "no shipped model: exporting a random-initialised ColonyNet"
    dotnet build bench/ColonyQc.TrainBench -c Release -nologo -v q >/dev/null
    "$root/bench/ColonyQc.TrainBench/bin/Release/net10.0/linux-x64/colonyqc-trainbench" export-random-model --out "$model" >&2
  fi
elif [[ -n "${COLONYQC_BENCH_MODEL:-}" ]]; then
  model_note="$model"
fi
log "model: $model"

# --- fields ----------------------------------------------------------------------------------
# The same fields (same seed, same count) in every format, written by `colonyqc synth`.
fields_dir() { echo "$data/fields-$count-$seed/$1"; }
generate() {
  local fmt=$1 dir
  dir=$(fields_dir "$fmt")
  if [[ -f "$dir/.complete" ]]; then return; fi
  rm -rf "$dir"; mkdir -p "$dir"
  local synth=("$cli" synth --out "$dir" --count "$count" --seed "$seed" --layout evos --um-per-px "$source_um")
  case "$fmt" in
    tiff8) "${synth[@]}" --format tiff --bit-depth 8 --tiff-compression none >/dev/null ;;
    tiff16) "${synth[@]}" --format tiff --bit-depth 16 --tiff-compression none >/dev/null ;;
    lzw) "${synth[@]}" --format tiff --bit-depth 8 --tiff-compression lzw >/dev/null ;;
    png) "${synth[@]}" --format png --bit-depth 8 >/dev/null ;;
    jpeg) "${synth[@]}" --format jpeg --bit-depth 8 >/dev/null ;;
  esac
  # Only the images: labels and annotations stay out of the folder every contender lists.
  find "$dir" -mindepth 2 -type f \( -name '*.tif' -o -name '*.png' -o -name '*.jpg' \) -exec mv -t "$dir" {} + 2>/dev/null || true
  find "$dir" -type f ! \( -name '*.tif' -o -name '*.png' -o -name '*.jpg' \) -delete
  find "$dir" -mindepth 1 -type d -empty -delete
  local n; n=$(find "$dir" -maxdepth 1 -type f | wc -l)
  [[ "$n" -eq "$count" ]] || { echo "compare.sh: $dir holds $n images, expected $count" >&2; exit 1; }
  touch "$dir/.complete"
}
for fmt in $formats; do
  log "fields: $fmt"
  generate "$fmt"
done

# --- runs ------------------------------------------------------------------------------------
results=$data/compare-$(date -u +%Y%m%dT%H%M%S).jsonl
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
field_um=$("$python" -c "print($source_um)")
declare -A unreadable=()

run_one() {   # contender format threads round
  local c=$1 fmt=$2 t=$3 r=$4 dir label line start end
  dir=$(fields_dir "$fmt")
  label="$fmt r$r"
  case "$c" in
    floor) line=$("$compare" decode-floor --dir "$dir" --threads "$t" --label "$label") ;;
    pil-floor) line=$("$python" bench/pytorch/score.py --decode-only --dir "$dir" --threads "$t" --label "$label") ;;
    preprocess) [[ "$t" == 1 ]] || return 0
      line=$("$compare" preprocess --dir "$dir" --model "$model" --label "$label" --um-per-px "$source_um") ;;
    lib-field) line=$("$compare" library --dir "$dir" --model "$model" --threads "$t" --input field --out "$out/lib.csv" --label "$label") ;;
    lib-windows) line=$("$compare" library --dir "$dir" --model "$model" --threads "$t" --input windows --out "$out/lib.csv" --label "$label" --um-per-px "$source_um") ;;
    mlnet) [[ -z "${unreadable[$fmt]:-}" ]] || return 0
      line=$("$compare" mlnet --dir "$dir" --model "$model" --threads "$t" --out "$out/mlnet.csv" --label "$label")
      if [[ "$line" == *'"images":0'* ]]; then unreadable[$fmt]=1; fi ;;
    pytorch) line=$("$python" bench/pytorch/score.py --dir "$dir" --model "$model" --threads "$t" --out "$out/pytorch.csv" --label "$label") ;;
    cli)
      # The whole process: start-up, model load, folder listing, scoring, report.
      start=$(date +%s.%N)
      /usr/bin/time -f '%M' -o "$out/rss" "$cli" score "$dir" --model "$model" --out "$out/report.csv" \
        --threads "$t" --um-per-px "$source_um" >/dev/null 2>"$out/cli.err" || [[ $? -eq 3 ]]
      end=$(date +%s.%N)
      line=$("$python" -c "import json,sys; s=float(sys.argv[2])-float(sys.argv[1]); print(json.dumps(dict(contender='colonyqc-cli', label=sys.argv[3], input='windows', threads=int(sys.argv[4]), images=int(sys.argv[5]), errors=0, seconds=s, images_per_second=int(sys.argv[5])/s, peak_rss_mb=int(open(sys.argv[6]).read().split()[-1])/1024, note='colonyqc score as a whole process')))" \
        "$start" "$end" "$label" "$t" "$count" "$out/rss") ;;
    *) echo "compare.sh: unknown contender $c" >&2; exit 2 ;;
  esac
  echo "$line" >> "$results"
  log "$c $label t$t: $(printf '%s' "$line" | "$python" -c 'import json,sys; d=json.load(sys.stdin); print("%.1f img/s" % d["images_per_second"] + (", %.2f ms/img" % d["median_ms_per_image"] if d.get("median_ms_per_image") else "") + ("  (" + d["note"][:90] + ")" if d.get("images") == 0 else ""))')"
}

log "results: $results ($rounds rounds; contenders alternate, their order rotating every round)"
read -r -a order <<<"$contenders"
for ((r = 1; r <= rounds; r++)); do
  for t in $threads; do
    for fmt in $formats; do
      for ((i = 0; i < ${#order[@]}; i++)); do
        run_one "${order[$(((i + r - 1) % ${#order[@]}))]}" "$fmt" "$t" "$r"
      done
    done
  done
done

# --- peak memory -----------------------------------------------------------------------------
if [[ "$memory" == 1 ]]; then
  # 100, 2,000 and 10,000 images (hard links to the 8-bit TIFF set: same bytes, distinct files),
  # through the library alone (results streamed to a CSV) and through colonyqc score (which
  # streams its report rows to a temporary file; an HTML report would keep them).
  for n in 100 2000 10000; do
    big=$data/memory-$n; rm -rf "$big"; mkdir -p "$big"
    src=$(fields_dir tiff8); mapfile -t files < <(find "$src" -maxdepth 1 -name '*.tif' | sort)
    for ((i = 0; i < n; i++)); do ln "${files[$((i % ${#files[@]}))]}" "$big/$(printf 'scan_R_p00_z00_0_A01f%05dd0.tif' "$i")"; done
    for who in library cli; do
      if [[ "$who" == cli ]]; then
        /usr/bin/time -f '%M %e' -o "$out/mem" "$cli" score "$big" --model "$model" --out "$out/mem.csv" --threads 2 --um-per-px "$source_um" >/dev/null 2>&1 || true
      else
        /usr/bin/time -f '%M %e' -o "$out/mem" "$compare" library --dir "$big" --model "$model" --threads 2 --input windows --out "$out/mem.csv" --um-per-px "$source_um" >/dev/null 2>&1 || true
      fi
      read -r kb secs < "$out/mem"
      echo "{\"contender\":\"colonyqc-$who-memory\",\"label\":\"tiff8\",\"input\":\"windows\",\"threads\":2,\"images\":$n,\"errors\":0,\"seconds\":$secs,\"images_per_second\":$("$python" -c "print($n/$secs)"),\"peak_rss_mb\":$("$python" -c "print($kb/1024)"),\"note\":\"peak RSS (VmHWM) of the $who\"}" >> "$results"
      log "memory: $who, $n images, peak RSS $((kb / 1024)) MB in ${secs}s"
    done
    rm -rf "$big"
  done
fi

# --- table -----------------------------------------------------------------------------------
facts="$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/^Mem:/ {print $2}') GB RAM, $(. /etc/os-release && echo "$PRETTY_NAME"), .NET $(dotnet --version); load average $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end (the machine is shared with other engineers' builds and tests)"
args=(--results "$results" --machine "$facts" --model "$model_note" --count "$count" --rounds "$rounds"
      --command "$command_line")
if [[ "$docs" == 1 ]]; then args+=(--docs docs/performance.md); fi
"$python" bench/summarize_compare.py "${args[@]}"
