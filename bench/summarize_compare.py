#!/usr/bin/env python3
"""Turns the JSON lines of bench/compare.sh into the comparison table and the target check.

Medians over rounds, the min-max spread, and ColonyQc's speed divided by each contender's (same
format, same threads). With --docs, the result replaces the part of docs/performance.md between
the compare markers.
"""
import argparse
import datetime
import json
import statistics
from collections import defaultdict

BEGIN, END = "<!-- compare:begin -->", "<!-- compare:end -->"
FORMATS = ["tiff8", "tiff16", "lzw", "png", "jpeg"]
FORMAT_NAMES = {"tiff8": "8-bit TIFF", "tiff16": "16-bit TIFF", "lzw": "LZW TIFF", "png": "PNG", "jpeg": "JPEG q90"}
ROWS = [  # (contender, input, row title)
    ("colonyqc-library", "field", "ColonyQc library, whole field as one window"),
    ("mlnet", "field", "ML.NET LoadImages/ResizeImages/ExtractPixels/ApplyOnnxModel"),
    ("pytorch-pil", "field", "PyTorch + PIL, DataLoader workers"),
    ("colonyqc-library", "windows", "ColonyQc library, all windows at true scale"),
    ("colonyqc-cli", "windows", "`colonyqc score` whole process, all windows"),
    ("decode-floor", "decode", "decode floor: fastest .NET decoder"),
    ("pil-decode", "decode", "decode floor: PIL"),
]
REFERENCE = {"field": ("colonyqc-library", "field"), "windows": ("colonyqc-library", "windows"), "decode": ("colonyqc-library", "field")}


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def fmt_of(row):
    return row["label"].split()[0]


def spread(values):
    return statistics.median(values), min(values), max(values)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--results", required=True)
    p.add_argument("--machine", default="")
    p.add_argument("--model", default="")
    p.add_argument("--count", type=int, default=0)
    p.add_argument("--rounds", type=int, default=0)
    p.add_argument("--command", default="bench/compare.sh")
    p.add_argument("--docs")
    a = p.parse_args()
    rows = load(a.results)

    ips = defaultdict(list)      # (contender, input, format, threads) -> images/s per round
    ms = defaultdict(list)       # (contender, format) -> one-thread median ms per image, per round
    notes, unreadable, rss = {}, {}, defaultdict(list)
    for r in rows:
        if r["contender"].endswith("-memory"):
            continue
        key = (r["contender"], r["input"], fmt_of(r), r["threads"])
        if r["images"] == 0:
            unreadable[key[:3]] = r.get("note", "cannot read")
            continue
        ips[key].append(r["images_per_second"])
        notes[key[:2]] = r.get("note", "")
        if r.get("median_ms_per_image") and r["threads"] == 1:
            ms[(r["contender"], fmt_of(r))].append(r["median_ms_per_image"])
        if r.get("peak_rss_mb"):
            rss[fmt_of(r)].append(r["peak_rss_mb"])
    formats = [f for f in FORMATS if any(k[2] == f for k in ips) or any(k[2] == f for k in unreadable)]
    threads = sorted({k[3] for k in ips})

    def median(contender, inp, f, t):
        v = ips.get((contender, inp, f, t))
        return statistics.median(v) if v else None

    out = []
    w = out.append
    w(f"Measured {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC with `{a.command}`: "
      f"{a.count} simulated 2048x1536 fields per format, {a.rounds} rounds, contenders alternating in a rotating order, "
      f"model: {a.model}.")
    w("")
    w(f"Machine: {a.machine}. Figures on a loaded machine move by 20-30 % between runs: read the medians and the ratios, not single runs.")
    w("")
    w("Images per second, end to end (folder in, one result row per image out). Each cell: median of the rounds "
      "[min-max] and, in bold, ColonyQc's median divided by the row's (for the decode floor: the floor divided by ColonyQc, "
      "how far from the limit ColonyQc is). \"field\" rows all get the same single-window input: the whole field resized "
      "(aspect kept, area filter) so its longer side spans one window.")
    w("")
    for t in threads:
        w(f"**{t} thread{'s' if t > 1 else ''}**")
        w("")
        w("| contender | " + " | ".join(FORMAT_NAMES[f] for f in formats) + " |")
        w("|---|" + "---|" * len(formats))
        for contender, inp, title in ROWS:
            cells, any_value = [], False
            for f in formats:
                v = ips.get((contender, inp, f, t))
                if not v:
                    cells.append("cannot read" if (contender, inp, f) in unreadable else "-")
                    continue
                any_value = True
                m, lo, hi = spread(v)
                ref = median(*REFERENCE[inp], f, t)
                if contender == "colonyqc-library" and inp in ("field", "windows"):
                    ratio = ""
                elif ref:
                    ratio = f" **{(m / ref if inp == 'decode' else ref / m):.2f}x**"
                else:
                    ratio = ""
                cells.append(f"{m:.1f} [{lo:.1f}-{hi:.1f}]{ratio}")
            if any_value or any((contender, inp, f) in unreadable for f in formats):
                w(f"| {title} | " + " | ".join(cells) + " |")
        w("")

    # Per-image preprocessing (one thread) against the decode floor.
    if any(k[0] == "colonyqc-preprocess" for k in ms):
        w("Per-image preprocessing on one thread, as scoring does it (read + decode + exposure + resample + focus + every "
          "window normalised into its batch; no inference), median ms per image over the rounds, against the fastest "
          "decoder's one-thread median for the same files:")
        w("")
        w("| | " + " | ".join(FORMAT_NAMES[f] for f in formats) + " |")
        w("|---|" + "---|" * len(formats))
        pre = {f: statistics.median(ms[("colonyqc-preprocess", f)]) for f in formats if ms.get(("colonyqc-preprocess", f))}
        floor = {}
        for f in formats:
            c = [statistics.median(ms[(k, f)]) for k in ("decode-floor", "pil-decode") if ms.get((k, f))]
            if c:
                floor[f] = min(c)
        w("| ColonyQc preprocessing, ms | " + " | ".join(f"{pre[f]:.2f}" if f in pre else "-" for f in formats) + " |")
        w("| decode floor, ms | " + " | ".join(f"{floor[f]:.2f}" if f in floor else "-" for f in formats) + " |")
        w("| preprocessing / floor | " + " | ".join(f"{pre[f] / floor[f]:.2f}x" if f in pre and f in floor else "-" for f in formats) + " |")
        w("")
    else:
        pre, floor = {}, {}

    # Target check.
    w("Targets (2 threads, 8-bit fields, same model):")
    w("")

    def check(name, value, goal, ok, detail=""):
        if value is None:
            w(f"- {name}: not measured in this run")
        else:
            w(f"- {name}: **{value}** (target {goal}) -> {'met' if ok else 'MISSED'}{detail}")

    t2 = 2 if 2 in threads else None
    lib = lambda f, inp="field", t=t2: median("colonyqc-library", inp, f, t)  # noqa: E731
    ml_fmt = "tiff8" if median("mlnet", "field", "tiff8", t2) else "png"
    mlr = lib(ml_fmt) / median("mlnet", "field", ml_fmt, t2) if t2 and lib(ml_fmt) and median("mlnet", "field", ml_fmt, t2) else None
    check(f"ColonyQc / ML.NET pipeline ({FORMAT_NAMES[ml_fmt]}{', ML.NET reads no TIFF' if ml_fmt != 'tiff8' else ''})",
          f"{mlr:.2f}x" if mlr else None, ">= 3x", mlr is not None and mlr >= 3)
    ptr = lib("tiff8") / median("pytorch-pil", "field", "tiff8", t2) if t2 and lib("tiff8") and median("pytorch-pil", "field", "tiff8", t2) else None
    check("ColonyQc / PyTorch + PIL (8-bit TIFF)", f"{ptr:.2f}x" if ptr else None, ">= 2x", ptr is not None and ptr >= 2)
    for f in ("png", "jpeg", "lzw"):
        r = pre[f] / floor[f] if f in pre and f in floor else None
        check(f"preprocessing / decode floor, {FORMAT_NAMES[f]}, 1 thread", f"{r:.2f}x" if r else None, "<= 1.5x", r is not None and r <= 1.5)
    check("8-bit raw TIFF preprocessing, 1 thread", f"{pre['tiff8']:.2f} ms" if "tiff8" in pre else None, "<= 1.5 ms",
          "tiff8" in pre and pre["tiff8"] <= 1.5)
    r16 = pre["tiff16"] / pre["tiff8"] if "tiff16" in pre and "tiff8" in pre else None
    check("16-bit / 8-bit TIFF preprocessing time", f"{r16:.2f}x" if r16 else None, "<= 1.3x", r16 is not None and r16 <= 1.3)
    w16 = lib("tiff8", "windows") / lib("tiff16", "windows") if t2 and lib("tiff8", "windows") and lib("tiff16", "windows") else None
    check("16-bit / 8-bit TIFF windowed scoring time (2 threads)", f"{w16:.2f}x" if w16 else None, "<= 1.3x", w16 is not None and w16 <= 1.3)
    for inp in ("windows", "field"):
        one, two = median("colonyqc-library", inp, "tiff8", 1), median("colonyqc-library", inp, "tiff8", 2)
        s = two / one if one and two else None
        check(f"1 -> 2 threads, ColonyQc library ({inp}, 8-bit TIFF)", f"{s:.2f}x" if s else None, ">= 1.7x", s is not None and s >= 1.7)
    # Memory: the library must plateau (no more at 10,000 images than once its pools are warm at
    # 2,000; a 100-image run ends before they are); the CLI adds the list of files to score.
    for who, what in (("library", "ColonyClassifier.ScoreAsync, results streamed"), ("cli", "`colonyqc score` (CSV report)")):
        mem = {r["images"]: r["peak_rss_mb"] for r in rows if r["contender"] == f"colonyqc-{who}-memory"}
        if len(mem) < 2:
            continue
        sizes = sorted(mem)
        largest, warm = sizes[-1], sizes[-2]
        growth = mem[largest] - mem[warm]
        per_image_kb = growth * 1024 / (largest - warm)
        figures = ", ".join(f"{mem[n]:.0f} MB for {n:,} images" for n in sizes)
        verdict = "bounded" if mem[largest] <= 1.05 * mem[warm] else f"grows {per_image_kb:.1f} KB per image"
        w(f"- peak RSS, {what} (2 threads, 8-bit TIFF): **{figures}** -> {verdict}")
    if not any(r["contender"].endswith("-memory") for r in rows) and rss:
        w(f"- peak RSS of `colonyqc score` during the {a.count}-image runs: {max(max(v) for v in rss.values()):.0f} MB at most "
          "(run with --memory for 100 vs 10,000 images)")
    w("")
    w("What each contender ran:")
    w("")
    for (contender, inp), note in sorted(notes.items()):
        w(f"- {contender} ({inp}): {note}")
    for (contender, inp, f), note in sorted(unreadable.items()):
        w(f"- {contender} on {FORMAT_NAMES[f]}: {note}")
    text = "\n".join(out)
    print(text)

    if a.docs:
        with open(a.docs, encoding="utf-8") as f:
            doc = f.read()
        if BEGIN not in doc or END not in doc:
            raise SystemExit(f"{a.docs} has no {BEGIN} ... {END} markers to write the table between")
        head, rest = doc.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        with open(a.docs, "w", encoding="utf-8") as f:
            f.write(head + BEGIN + "\n" + text + "\n" + END + tail)


if __name__ == "__main__":
    main()
