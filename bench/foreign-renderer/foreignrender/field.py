"""One microscope field: colonies of given classes placed in a well, light debris and floating
cells (every culture has some), the field-wide signs of an abnormal culture, then the optics."""
import numpy as np
from scipy import ndimage

from .colony import FieldMaps, draw_colony
from .optics import render
from .primitives import sphere_kernels, blob_kernel, stamp, random_walk, draw_path, disc_grid

CLASSES = ("good", "differentiating", "abnormal")
SEVERITY = {"good": 0, "differentiating": 1, "abnormal": 2}

_DIFF_BORDER = ("ragged", "spreading", "diffuse")
_DIFF_EXTRA = (("fibroblast", 0.5), ("cobblestone", 0.3), ("gaps", 0.5), ("light_patches", 0.6))
_ABN = (("dense_centre", 0.30), ("necrotic", 0.15), ("holes", 0.17), ("fragmented", 0.12),
        ("vacuoles", 0.12), ("cysts", 0.08), ("dead_debris", 0.16))


def draw_well(rng):
    """What the fields of one well share: its cells, colony sizes and how clean it is."""
    return dict(cell_um=rng.uniform(8.5, 14.5), size_um=np.exp(rng.uniform(np.log(260), np.log(700))),
                debris=rng.uniform(0.2, 1.0) ** 2, floaters=rng.uniform(0, 1) ** 2,
                surface=rng.uniform(0.1, 1.0),
                contamination=None)


def colony_phenotypes(rng, cls):
    if cls == "differentiating":
        k = rng.integers(1, 3)
        ph = list(rng.choice(_DIFF_BORDER, k, replace=False))
        ph += [name for name, p in _DIFF_EXTRA if rng.random() < p]
        return ["large_flat_periphery"] + ph
    if cls == "abnormal":
        names = [n for n, _ in _ABN]
        w = np.array([p for _, p in _ABN])
        return list(rng.choice(names, rng.integers(1, 3), replace=False, p=w / w.sum()))
    return []


def _colony_classes(rng, field_class, n):
    if field_class == "good":
        return ["good"] * n
    if field_class == "differentiating":
        return ["differentiating"] + [("good" if rng.random() < 0.5 else "differentiating") for _ in range(n - 1)]
    return ["abnormal"] + [rng.choice(["good", "differentiating", "abnormal"], p=[0.4, 0.2, 0.4]) for _ in range(n - 1)]


def _place(rng, n, width, height, um_px, size_um):
    placed = []
    for i in range(n * 30):
        if len(placed) == n:
            break
        dia = float(np.clip(size_um * np.exp(rng.normal(0, 0.35)), 200, 900))
        R = dia / 2 / um_px
        if not placed:
            # the colony that gives the field its label is mostly inside the field
            cx = rng.uniform(min(0.6 * R, width / 2), max(width - 0.6 * R, width / 2))
            cy = rng.uniform(min(0.6 * R, height / 2), max(height - 0.6 * R, height / 2))
        else:
            cx = rng.uniform(-0.3 * R, width + 0.3 * R)
            cy = rng.uniform(-0.3 * R, height + 0.3 * R)
        if all(np.hypot(cx - x, cy - y) > 1.35 * (R + r) + 30 / um_px for x, y, r, _ in placed):
            placed.append((cx, cy, R, dia))
    return placed


class _Kernels:
    def __init__(self):
        self.spheres = {}

    def sphere(self, radius):
        key = round(radius * 2) / 2
        if key not in self.spheres:
            self.spheres[key] = sphere_kernels(max(key, 1.0))
        return self.spheres[key]


def _stamp_dead(maps, kernels, rng, x, y, r):
    thick, rim, core = kernels.sphere(r)
    a = rng.uniform(0.8, 1.6)
    stamp(maps.phi, thick, x, y, a)
    stamp(maps.rim, rim, x, y, a)
    stamp(maps.core, core, x, y, a)


def render_field(rng, field_class, well, plate_optics, width, height, um_px):
    """Returns (image uint8, colony labels uint16, colony rows, field info)."""
    maps = FieldMaps(height, width)
    contamination = None
    if field_class == "abnormal" and well["contamination"] is not None:
        contamination = well["contamination"]
    n = int(rng.choice([1, 2, 2, 3, 3, 4, 5]))
    placed = _place(rng, n, width, height, um_px, well["size_um"])
    classes = _colony_classes(rng, field_class, len(placed))
    if contamination is not None:
        classes = ["abnormal"] * len(placed)
    rows, dead = [], []
    kid = 0
    for (cx, cy, R, dia), cls in zip(placed, classes):
        phen = colony_phenotypes(rng, cls) if not (contamination and cls == "abnormal" and rng.random() < 0.5) else []
        if cls == "abnormal" and not phen and contamination is None:
            phen = ["dense_centre"]
        if cls == "abnormal" and contamination is not None:
            phen = phen + ["contaminated_well"]
        cell_um = float(np.clip(well["cell_um"] * rng.uniform(0.93, 1.07), 8, 15))
        severity = rng.uniform(0.55, 1.0)
        bbox, dd = draw_colony(rng, maps, kid + 1, cls, phen, cx, cy, dia, cell_um, um_px, severity,
                               plate_optics.get("border_gain", 1.0))
        dead += dd
        if bbox is None:
            continue
        kid += 1
        rows.append(dict(colony=kid, label=cls, x0=bbox[0], y0=bbox[1], x1=bbox[2], y1=bbox[3],
                         diameter_um=round(dia, 1), cell_um=round(cell_um, 1), phenotypes=";".join(phen)))
    if kid:
        lab = maps.labels
        touching = set(np.unique(np.concatenate([lab[0], lab[-1], lab[:, 0], lab[:, -1]])).tolist())
        for r in rows:
            r["edge_cut"] = int(r["colony"] in touching)

    kernels = _Kernels()
    area = width * height * um_px * um_px / 1e6  # mm^2
    # light debris and a few floating rounded cells: present in every class
    for _ in range(int(well["debris"] * rng.uniform(30, 90) * area)):
        k = blob_kernel(rng, rng.uniform(0.8, 2.5) / um_px)
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        stamp(maps.absorb, k, x, y, rng.uniform(0.08, 0.35))
        stamp(maps.phi, k, x, y, rng.uniform(0.3, 0.8))
    for _ in range(int(well["floaters"] * rng.uniform(2, 12) * area)):
        _stamp_dead(maps, kernels, rng, rng.uniform(0, width), rng.uniform(0, height), rng.uniform(3.5, 7) / um_px)
    # apoptotic cells and debris sitting on colonies (healthy cultures have them too)
    on = np.flatnonzero(maps.labels.ravel())
    if len(on):
        count = int(well["surface"] * rng.uniform(80, 400) * len(on) * um_px * um_px / 1e6)
        for idx in rng.choice(on, count):
            y, x = divmod(int(idx), width)
            for _ in range(1 if rng.random() < 0.6 else rng.integers(2, 6)):  # often in clumps
                k = blob_kernel(rng, rng.uniform(1.0, 2.8) / um_px)
                jx, jy = (rng.normal(0, 3.5 / um_px, 2) if rng.random() < 0.8 else (0.0, 0.0))
                stamp(maps.absorb, k, x + jx, y + jy, rng.uniform(0.1, 0.35))
                stamp(maps.phi, k, x + jx, y + jy, rng.uniform(0.3, 0.9))
    # heavy dead cells and debris around abnormal colonies, often in clumps
    for (x, y, r) in dead:
        _stamp_dead(maps, kernels, rng, x, y, r)
        if rng.random() < 0.5:
            k = blob_kernel(rng, rng.uniform(1.0, 3.5) / um_px)
            stamp(maps.absorb, k, x + rng.normal(0, 8), y + rng.normal(0, 8), rng.uniform(0.15, 0.45))
    haze = 0.0
    if contamination is not None:
        haze = _contaminate(rng, maps, contamination, um_px)
    _dust(rng, maps, um_px)
    img, optics = render(rng, maps, plate_optics, um_px, haze)
    info = dict(contamination=contamination or "", style=optics["style"])
    return img, maps.labels, rows, info


def _contaminate(rng, maps, kind, um_px):
    """Bacteria (a granular, turbid medium) and/or fungal filaments over the whole field."""
    h, w = maps.phi.shape
    haze = 0.0
    if kind in ("bacteria", "both"):
        dots = np.zeros((h, w), np.float32)
        count = int(rng.uniform(4, 20) * h * w * um_px * um_px / 1e4)
        xi = rng.integers(0, w, count)
        yi = rng.integers(0, h, count)
        np.add.at(dots, (yi, xi), rng.uniform(0.5, 1.0, count).astype(np.float32))
        dots = ndimage.gaussian_filter(dots, max(0.6 / um_px, 0.6))
        dots /= max(dots.max(), 1e-6)
        maps.phi += rng.uniform(0.4, 0.9) * dots
        maps.absorb += rng.uniform(0.1, 0.3) * dots + rng.uniform(0.02, 0.06)
        haze = rng.uniform(0.3, 0.8)
    if kind in ("filaments", "both"):
        lines = np.zeros((h, w), np.float32)
        for _ in range(rng.integers(3, 14)):
            start = (rng.uniform(0, w), rng.uniform(0, h))
            pts = random_walk(rng, start, 1.0, int(rng.uniform(300, 1500) / um_px), rng.uniform(0.01, 0.05))
            draw_path(lines, pts)
            for _ in range(rng.integers(0, 4)):  # branches
                j = rng.integers(0, len(pts))
                b = random_walk(rng, pts[j], 1.0, int(rng.uniform(60, 400) / um_px), 0.04)
                draw_path(lines, b)
        width = rng.uniform(1.2, 2.5) / um_px
        lines = ndimage.gaussian_filter(lines, width)
        lines /= max(lines.max(), 1e-6)
        maps.phi += rng.uniform(0.6, 1.2) * lines
        maps.absorb += rng.uniform(0.05, 0.2) * lines
    return haze


def _dust(rng, maps, um_px):
    """Out-of-focus dust on the optics: faint rings, in any class."""
    for _ in range(rng.integers(0, 4)):
        r = rng.uniform(20, 80) / um_px
        g = disc_grid(r, pad=4)
        ring = np.exp(-((g - r) / (r * 0.15)) ** 2) - 0.3 * (g < r)
        stamp(maps.absorb, ring.astype(np.float32), rng.uniform(0, maps.phi.shape[1]),
              rng.uniform(0, maps.phi.shape[0]), rng.uniform(0.005, 0.02))
