#!/usr/bin/env bash
# Reproduces the shipped model models/colonyqc.onnx from simulated images only.
#
#   scripts/train-shipped-model.sh            # data, then training, then the unseen-seed evaluation
#   scripts/train-shipped-model.sh data       # only generate the images (resumable: finished parts are kept)
#   scripts/train-shipped-model.sh train      # only train + evaluate (the data must exist)
#
# Environment: DATA (default data/shipped, git-ignored), THREADS (default 2), EPOCHS (default 24).
# Training fields are 768x576 (4x) and 1024x768 (10x) frames rather than full 2048x1536 ones: the
# network sees 256 um windows at 2 um/px, so a smaller frame gives the same windows at a fraction of
# the rendering and decoding time; full-size EVOS frames are part of the unseen-seed test set.
set -euo pipefail
cd "$(dirname "$0")/.."

DATA=${DATA:-data/shipped}
THREADS=${THREADS:-2}
EPOCHS=${EPOCHS:-24}
STAGE=${1:-all}
CQ=src/ColonyQc.Cli/bin/Release/net10.0/linux-x64/colonyqc
UM4X=0.8625   # 4x objective on the EVOS camera (3.45 um pixels)
UM10X=0.345   # 10x

dotnet build src/ColonyQc.Cli -c Release -v quiet -nologo

# synth NAME UM ARGS...: one simulator run into $DATA/parts/NAME (skipped when already complete).
synth() {
    local name=$1 um=$2
    shift 2
    if [[ -f "$DATA/parts/$name/annotations.csv" ]]; then
        return
    fi
    rm -rf "$DATA/parts/$name"
    "$CQ" synth --out "$DATA/parts/$name" --um-per-px "$um" --threads "$THREADS" --plate-prefix "$name" "$@"
}

# combine OUT PART...: one manifest (path,label,group,um_per_px) and one annotations.csv over several
# simulator runs; groups are prefixed with the run so wells of different seeds never merge.
combine() {
    local out=$1
    shift
    mkdir -p "$DATA/$out"
    echo "path,label,group,um_per_px" > "$DATA/$out/labels.csv"
    echo "file,colony,x,y,width,height,class" > "$DATA/$out/annotations.csv"
    local part um
    for part in "$@"; do
        um=$(cat "$DATA/parts/$part/um_per_px")
        awk -F, -v p="../parts/$part/" -v g="$part:" -v um="$um" 'NR > 1 { print p $1 "," $2 "," g $6 "," um }' "$DATA/parts/$part/labels.csv" >> "$DATA/$out/labels.csv"
        awk -F, -v p="../parts/$part/" 'NR > 1 { $1 = p $1; print }' OFS=, "$DATA/parts/$part/annotations.csv" >> "$DATA/$out/annotations.csv"
    done
}

# part NAME UM ARGS...: synth plus a note of the scale (JPEG files carry no resolution tags).
part() {
    local name=$1 um=$2
    synth "$@"
    echo "$um" > "$DATA/parts/$name/um_per_px"
}

if [[ $STAGE == all || $STAGE == data ]]; then
    # Training set: 3,000 fields from 16 seeds; flat and EVOS layouts; 8/16-bit; TIFF, PNG, JPEG; 4x and 10x.
    part s1001 $UM4X --seed 1001 --count 200 --width 768 --height 576 --layout flat --bit-depth 8 --format tiff
    part s1002 $UM4X --seed 1002 --count 200 --width 768 --height 576 --layout evos --bit-depth 16 --format tiff --fields-per-well 4
    part s1003 $UM4X --seed 1003 --count 200 --width 768 --height 576 --layout flat --bit-depth 8 --format png
    part s1004 $UM4X --seed 1004 --count 200 --width 768 --height 576 --layout evos --bit-depth 8 --format tiff --fields-per-well 4
    part s1005 $UM4X --seed 1005 --count 200 --width 768 --height 576 --layout flat --bit-depth 16 --format png
    part s1006 $UM4X --seed 1006 --count 200 --width 768 --height 576 --layout evos --bit-depth 8 --format jpeg --fields-per-well 4
    part s1007 $UM4X --seed 1007 --count 200 --width 768 --height 576 --layout flat --bit-depth 8 --format tiff
    part s1008 $UM4X --seed 1008 --count 200 --width 768 --height 576 --layout evos --bit-depth 16 --format tiff --fields-per-well 4
    part s1009 $UM4X --seed 1009 --count 200 --width 768 --height 576 --layout flat --bit-depth 8 --format tiff
    part s1010 $UM4X --seed 1010 --count 200 --width 768 --height 576 --layout evos --bit-depth 8 --format png --fields-per-well 4
    part s1011 $UM4X --seed 1011 --count 200 --width 768 --height 576 --layout flat --bit-depth 16 --format tiff
    part s1012 $UM4X --seed 1012 --count 200 --width 768 --height 576 --layout evos --bit-depth 8 --format tiff --fields-per-well 4
    part s1013 $UM10X --seed 1013 --count 150 --width 1024 --height 768 --layout flat --bit-depth 8 --format tiff
    part s1014 $UM10X --seed 1014 --count 150 --width 1024 --height 768 --layout evos --bit-depth 16 --format tiff --fields-per-well 3
    part s1015 $UM10X --seed 1015 --count 150 --width 1024 --height 768 --layout flat --bit-depth 8 --format png
    part s1016 $UM10X --seed 1016 --count 150 --width 1024 --height 768 --layout evos --bit-depth 8 --format tiff --fields-per-well 3

    # Test set: seeds never used in training, including full 2048x1536 EVOS frames.
    part s2001 $UM4X --seed 2001 --count 150 --width 768 --height 576 --layout flat --bit-depth 8 --format tiff
    part s2002 $UM4X --seed 2002 --count 150 --width 768 --height 576 --layout evos --bit-depth 16 --format tiff --fields-per-well 4
    part s2003 $UM10X --seed 2003 --count 75 --width 1024 --height 768 --layout flat --bit-depth 8 --format tiff
    part s2004 $UM10X --seed 2004 --count 75 --width 1024 --height 768 --layout evos --bit-depth 16 --format png --fields-per-well 3
    part s2005 $UM4X --seed 2005 --count 60 --width 768 --height 576 --layout evos --bit-depth 8 --format jpeg --fields-per-well 4
    part s2006 $UM4X --seed 2006 --count 24 --width 2048 --height 1536 --layout flat --bit-depth 8 --format tiff

    combine train s1001 s1002 s1003 s1004 s1005 s1006 s1007 s1008 s1009 s1010 s1011 s1012 s1013 s1014 s1015 s1016
    combine test s2001 s2002 s2003 s2004 s2005 s2006
fi

if [[ $STAGE == all || $STAGE == train ]]; then
    "$CQ" train --data "$DATA/train/labels.csv" --test-data "$DATA/test/labels.csv" \
        --out models/colonyqc.onnx --run-dir "$DATA/run" \
        --epochs "$EPOCHS" --windows-per-image 6 --seed 1 --threads "$THREADS" \
        --notes "Trained on simulated images only (colonyqc synth, seeds 1001-1016); fine-tune on your own labelled images before relying on it."
    "$CQ" evaluate --model models/colonyqc.onnx --data "$DATA/test/labels.csv" --threads "$THREADS" \
        --out "$DATA/test-metrics.json" --report "$DATA/test-report.html"
fi
