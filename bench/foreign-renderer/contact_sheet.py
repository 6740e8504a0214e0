#!/usr/bin/python3
"""Contact sheet of a render_fields.py output: per class, a few fields whole and a 1:1 crop on
the border of the colony that gives the field its label.

  contact_sheet.py --data DIR --out sheet.png [--per-class 3] [--style phase|brightfield|any]
"""
import argparse
import csv
import os

import numpy as np
from PIL import Image, ImageDraw

CLASSES = ("good", "differentiating", "abnormal")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--per-class", type=int, default=3)
    ap.add_argument("--style", default="any")
    ap.add_argument("--thumb", type=int, default=384, help="thumbnail width (px)")
    ap.add_argument("--crop", type=int, default=288, help="1:1 crop size (px)")
    a = ap.parse_args()
    rows = list(csv.DictReader(open(os.path.join(a.data, "labels.csv"))))
    cols = {}
    for r in csv.DictReader(open(os.path.join(a.data, "colonies.csv"))):
        cols.setdefault(os.path.splitext(os.path.basename(r["field"]))[0].replace("_colonies", ""), []).append(r)
    tw = a.thumb
    th = tw * 3 // 4
    cell_w = tw + a.crop + 12
    cell_h = max(th, a.crop) + 18
    sheet = Image.new("L", (cell_w * a.per_class, cell_h * len(CLASSES)), 255)
    draw = ImageDraw.Draw(sheet)
    for ci, cls in enumerate(CLASSES):
        pick = [r for r in rows if r["label"] == cls and (a.style == "any" or r["style"] == a.style)]
        # one field per well; with --style any, the imaging modes take turns
        seen, firsts = set(), []
        for r in pick:
            if r["group"] not in seen:
                seen.add(r["group"])
                firsts.append(r)
        styles = sorted({r["style"] for r in firsts})
        queues = [[r for r in firsts if r["style"] == st] for st in styles]
        chosen = [q.pop(0) for _ in range(len(firsts)) for q in queues if q][:len(firsts)]
        for j, r in enumerate(chosen[:a.per_class]):
            img = Image.open(os.path.join(a.data, r["path"])).convert("L")
            stem = os.path.splitext(os.path.basename(r["path"]))[0]
            colonies = [c for c in cols.get(stem, []) if c["label"] == cls] or cols.get(stem, [])
            ox, oy = j * cell_w, ci * cell_h
            sheet.paste(img.resize((tw, th), Image.BILINEAR), (ox, oy + 16))
            if colonies:
                c = colonies[0]
                x0, y0, x1, y1 = (int(c[k]) for k in ("x0", "y0", "x1", "y1"))
                cx, cy = x0 + (x1 - x0) // 4, (y0 + y1) // 2
                h = a.crop // 2
                cx = int(np.clip(cx, h, img.width - h))
                cy = int(np.clip(cy, h, img.height - h))
                sheet.paste(img.crop((cx - h, cy - h, cx + h, cy + h)), (ox + tw + 6, oy + 16))
                ph = c["phenotypes"].replace("large_flat_periphery;", "")
            else:
                ph = ""
            draw.text((ox + 2, oy + 2), f"{cls} | {r['style']} | {stem[:18]} | {ph}"[:90], fill=0)
    sheet.save(a.out, optimize=True)
    print(a.out, sheet.size, os.path.getsize(a.out), "bytes")


if __name__ == "__main__":
    main()
