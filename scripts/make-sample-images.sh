#!/usr/bin/env bash
# Regenerates sample-images/ byte for byte from the simulator (see docs/simulator.md).
# Usage: scripts/make-sample-images.sh [path-to-colonyqc]   (default: builds and runs the CLI project)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/sample-images"
if [[ $# -ge 1 ]]; then cli=("$1"); else cli=(dotnet run --project "$root/src/ColonyQc.Cli" -c Release --); fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
synth() { "${cli[@]}" synth --threads 1 "$@" > /dev/null; }
# 4x (0.86 um/px) fields, one set per format; each set is balanced over the three classes.
# Every set uses EVOS plate names in one flat folder, so `colonyqc score sample-images` (not
# recursive) scores all twelve, and plate prefixes keep the groups of the four sets apart.
synth --out "$work/a" --seed 101 --count 3 --width 2048 --height 1536 --format jpeg --jpeg-quality 85 --layout evos --fields-per-well 1 --plate-prefix jpegscan
synth --out "$work/b" --seed 102 --count 3 --width 1024 --height 768 --format tiff --bit-depth 8 --tiff-compression lzw --layout evos --fields-per-well 1 --plate-prefix scan
synth --out "$work/c" --seed 103 --count 3 --width 1024 --height 768 --format tiff --bit-depth 16 --tiff-compression deflate --layout evos --fields-per-well 1 --plate-prefix tiff16scan
synth --out "$work/d" --seed 104 --count 3 --width 1024 --height 768 --format png --bit-depth 8 --layout evos --fields-per-well 1 --plate-prefix pngscan
rm -rf "$out"/*.tif "$out"/*.jpg "$out"/*.png "$out"/good "$out"/differentiating "$out"/abnormal "$out"/labels.csv "$out"/annotations.csv
mkdir -p "$out"
echo "file,label,plate,well,field,group" > "$out/labels.csv"
echo "file,colony,x,y,width,height,class" > "$out/annotations.csv"
for set in a b c d; do
  (cd "$work/$set" && find . -type f \( -name '*.tif' -o -name '*.png' -o -name '*.jpg' \) | sort | while read -r f; do
    mkdir -p "$out/$(dirname "$f")"; cp "$f" "$out/$f"; done)
  tail -n +2 "$work/$set/labels.csv" >> "$out/labels.csv"
  tail -n +2 "$work/$set/annotations.csv" >> "$out/annotations.csv"
done
du -sh "$out"
