#!/usr/bin/python3
"""Renders labelled hiPSC colony fields with the independent renderer (see README.md).

Layout of --out DIR:
  images/<label>/<name>.tif|png   8-bit grey fields, a folder per class (--format both: images/ has
                                  the TIFFs, images-png/ the PNGs)
  masks/<name>_colonies.png       16-bit colony label image: 0 background, k = colony k
  labels.csv                      path,label,group,um_per_px,style,plate,well,field (paths relative to DIR)
  labels-png.csv                  the same for the PNG copies (--format both only)
  colonies.csv                    field,mask,colony,label,x0,y0,x1,y1,edge_cut,diameter_um,cell_um,phenotypes
                                  (field: the image as in labels.csv; bbox in pixels, x1/y1 exclusive;
                                  edge_cut 1 when the colony touches the field border)
  render.json                     the arguments, for provenance
"""
import argparse
import csv
import json
import os
import sys
import time
from multiprocessing import Pool

import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from foreignrender.field import CLASSES, draw_well, render_field  # noqa: E402
from foreignrender.optics import draw_plate_optics  # noqa: E402

WELLS_PER_PLATE = 8
ROWS = "ABCDEFGH"


def plan(seed, per_class, style):
    """Wells (class, plate, well name, style, field count) covering `per_class` fields per class.
    Fields of a well share its class; classes are interleaved over plates and, in mixed mode,
    alternate imaging modes within each class so style never predicts the label."""
    rng = np.random.default_rng([seed, 0])
    wells = []
    for ci, cls in enumerate(CLASSES):
        left, i = per_class, 0
        offset = int(rng.integers(0, 2))
        while left > 0:
            k = int(min(left, rng.integers(2, 5)))
            st = style if style != "mixed" else ("phase", "brightfield")[(i + offset) % 2]
            wells.append([cls, st, k])
            left -= k
            i += 1
    order = rng.permutation(len(wells))
    out = []
    for slot, wi in enumerate(order):
        cls, st, k = wells[wi]
        plate, pos = divmod(slot, WELLS_PER_PLATE)
        well = f"{ROWS[(pos * 3 + plate) % 8]}{(pos * 5 + plate) % 12 + 1:02d}"
        out.append(dict(label=cls, style=st, fields=k, plate=plate, well=well, slot=slot))
    return out


def render_one(job):
    a, w, f = job
    plate_rng = np.random.default_rng([a["seed"], 1, w["plate"], 0 if w["style"] == "phase" else 1])
    optics = draw_plate_optics(plate_rng, w["style"])
    well_rng = np.random.default_rng([a["seed"], 2, w["slot"]])
    well = draw_well(well_rng)
    if w["label"] == "abnormal" and well_rng.random() < 0.25:
        well["contamination"] = str(well_rng.choice(["bacteria", "filaments", "both"]))
    rng = np.random.default_rng([a["seed"], 3, w["slot"], f])
    img, labels, rows, info = render_field(rng, w["label"], well, optics, a["width"], a["height"], a["um_per_px"])
    name = f"fr{w['plate']:02d}_R_p00_z00_0_{w['well']}f{f + 1:02d}d0"
    out = a["out"]
    dpi = 25400.0 / a["um_per_px"]
    paths = {}
    if a["format"] in ("tif", "both"):
        p = os.path.join("images", w["label"], name + ".tif")
        Image.fromarray(img).save(os.path.join(out, p), dpi=(dpi, dpi))
        paths["tif"] = p
    if a["format"] in ("png", "both"):
        folder = "images" if a["format"] == "png" else "images-png"
        p = os.path.join(folder, w["label"], name + ".png")
        Image.fromarray(img).save(os.path.join(out, p), dpi=(dpi, dpi), compress_level=1)
        paths["png"] = p
    Image.fromarray(labels).save(os.path.join(out, "masks", name + "_colonies.png"))
    return w, f, name, paths, rows, info


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="output folder (created)")
    ap.add_argument("--per-class", type=int, required=True, help="fields per class")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--width", type=int, default=2048)
    ap.add_argument("--height", type=int, default=1536)
    ap.add_argument("--um-per-px", type=float, default=0.86, help="scale (0.86 = 4x on a 3.45 um camera)")
    ap.add_argument("--style", choices=["phase", "brightfield", "mixed"], default="mixed")
    ap.add_argument("--format", choices=["tif", "png", "both"], default="tif")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes (the output does not depend on it)")
    a = ap.parse_args(argv)
    if a.per_class < 1 or a.width < 64 or a.height < 64 or a.um_per_px <= 0:
        ap.error("--per-class must be >= 1, --width/--height >= 64 and --um-per-px > 0")
    args = dict(vars(a))
    for folder in ["masks"] + [os.path.join(top, c) for top in
                               (["images"] + (["images-png"] if a.format == "both" else [])) for c in CLASSES]:
        os.makedirs(os.path.join(a.out, folder), exist_ok=True)
    wells = plan(a.seed, a.per_class, a.style)
    jobs = [(args, w, f) for w in wells for f in range(w["fields"])]
    t0 = time.time()
    if a.jobs > 1:
        with Pool(a.jobs) as pool:
            results = pool.map(render_one, jobs, chunksize=1)
    else:
        results = [render_one(j) for j in jobs]
    elapsed = time.time() - t0
    results.sort(key=lambda r: (r[0]["plate"], r[0]["well"], r[1]))
    files = {"tif": "labels.csv", "png": "labels.csv" if a.format == "png" else "labels-png.csv"}
    for fmt in (["tif", "png"] if a.format == "both" else [a.format]):
        with open(os.path.join(a.out, files[fmt]), "w", newline="") as fh:
            wr = csv.writer(fh)
            wr.writerow(["path", "label", "group", "um_per_px", "style", "plate", "well", "field"])
            for w, f, name, paths, rows, info in results:
                wr.writerow([paths[fmt], w["label"], f"fr{w['plate']:02d}-{w['well']}", a.um_per_px,
                             info["style"], f"fr{w['plate']:02d}", w["well"], f + 1])
    with open(os.path.join(a.out, "colonies.csv"), "w", newline="") as fh:
        wr = csv.writer(fh)
        wr.writerow(["field", "mask", "colony", "label", "x0", "y0", "x1", "y1", "edge_cut", "diameter_um", "cell_um",
                     "phenotypes"])
        for w, f, name, paths, rows, info in results:
            for r in rows:
                wr.writerow([paths["tif" if "tif" in paths else "png"], os.path.join("masks", name + "_colonies.png"), r["colony"], r["label"], r["x0"], r["y0"],
                             r["x1"], r["y1"], r["edge_cut"], r["diameter_um"], r["cell_um"], r["phenotypes"]])
    with open(os.path.join(a.out, "render.json"), "w") as fh:
        json.dump(dict(args, renderer="bench/foreign-renderer", fields=len(results)), fh, indent=1)
    print(f"{len(results)} fields in {elapsed:.1f} s ({elapsed / max(len(results), 1):.2f} s per field"
          f" with {a.jobs} job(s)) -> {a.out}")


if __name__ == "__main__":
    main()
