"""One colony: outline, packed cells (a jittered Voronoi tessellation), and the morphology of
its class, drawn into a field's optical maps. All sizes are in micrometres until converted with
the field's scale, so the biology does not change with the objective."""
import numpy as np
from scipy import ndimage

from .primitives import (fine_grain, lowpass, radial_outline, smooth_field, smoothstep, random_walk,
                         draw_path, disc_grid)

_TABLE = 2048  # samples of an outline r(theta); looked up instead of evaluated per pixel


class FieldMaps:
    """What the optics later turns into an image: optical thickness (phase), absorption,
    rounded-cell rims and cores (they refract and focus light), and the colony label image."""

    def __init__(self, h, w):
        self.phi = np.zeros((h, w), np.float32)
        self.absorb = np.zeros((h, w), np.float32)
        self.rim = np.zeros((h, w), np.float32)
        self.core = np.zeros((h, w), np.float32)
        self.labels = np.zeros((h, w), np.uint16)


def _outline_table(r_of):
    th = np.linspace(-np.pi, np.pi, _TABLE, endpoint=False)
    return r_of(th).astype(np.float32)


def _lookup(table, theta):
    idx = ((theta + np.pi) * (_TABLE / (2 * np.pi))).astype(np.int32) % _TABLE
    return table[idx]


def _hex_seeds(rng, h, w, spacing, jitter):
    dy = spacing * np.sqrt(3) / 2
    rows = np.arange(-1, int(h / dy) + 2)
    cols = np.arange(-1, int(w / spacing) + 2)
    y = (rows * dy)[:, None] + np.zeros(len(cols))[None, :]
    x = (cols * spacing)[None, :] + (rows % 2)[:, None] * spacing / 2
    pts = np.stack([x.ravel(), y.ravel()], 1)
    pts += rng.normal(0, jitter * spacing, pts.shape)
    return pts


def _clip_seeds(pts, h, w):
    ok = (pts[:, 0] >= 0) & (pts[:, 0] < w - 0.5) & (pts[:, 1] >= 0) & (pts[:, 1] < h - 0.5)
    return pts[ok]


def draw_colony(rng, maps, colony_id, cls, phenos, cx, cy, diameter_um, cell_um, um_px, severity,
                border_gain=1.0):
    """Draws one colony into `maps` and returns (bbox, dead_cells) where bbox is the colony's
    label extent in the field (x0, y0, x1, y1, exclusive) or None if it falls outside, and
    dead_cells a list of (x, y, radius_px) the field stamps later."""
    s = um_px
    R = diameter_um / 2 / s
    d = cell_um / s
    H, W = maps.phi.shape
    diff = cls == "differentiating"
    abn = cls == "abnormal"

    # --- outline -------------------------------------------------------------------------
    spikes = int(rng.integers(0, 10))
    spike_len = rng.uniform(5, 20) / (R * s)
    if diff:
        ragged = "ragged" in phenos
        r_of = radial_outline(rng, 40 if ragged else 12, rng.uniform(0.05, 0.10) * (1.5 if ragged else 1),
                              0.7 if ragged else 1.2, rng.uniform(0, 0.3), spikes, spike_len)
    elif abn:
        r_of = radial_outline(rng, 14, rng.uniform(0.03, 0.10), 1.1, rng.uniform(0, 0.3), spikes, spike_len)
    else:
        # compact and smooth, but rarely a perfect ellipse: real healthy colonies are often
        # rounded polygons from packing against their neighbours
        r_of = radial_outline(rng, 8, rng.uniform(0.03, 0.12), rng.uniform(0.9, 1.4), rng.uniform(0, 0.3),
                              spikes, spike_len)
    table = _outline_table(r_of)
    spread = 0.0
    if diff and "spreading" in phenos:
        spread = max(rng.uniform(0.15, 0.45) * severity, 50 / (R * s))
    spindle_len = rng.uniform(25, 70) / s if diff and "fibroblast" in phenos else 0
    ext = R * table.max() * (1 + spread) + spindle_len + 6 * d + 10
    x0, x1 = int(max(cx - ext, 0)), int(min(cx + ext, W))
    y0, y1 = int(max(cy - ext, 0)), int(min(cy + ext, H))
    if x1 - x0 < 8 or y1 - y0 < 8:
        return None, []
    h, w = y1 - y0, x1 - x0
    dy = (np.arange(y0, y1, dtype=np.float32) - cy)[:, None]
    dx = (np.arange(x0, x1, dtype=np.float32) - cx)[None, :]
    rad = np.hypot(dx, dy)
    theta = np.arctan2(dy, dx)
    rho = rad / (R * _lookup(table, theta))
    if diff and ("ragged" in phenos or "diffuse" in phenos):
        # a border that loses definition: lobes and notches at 10-40 um
        rho = rho * (1 + rng.uniform(0.04, 0.10) * severity
                     * smooth_field(rng, (h, w), rng.uniform(10, 40) / s, reduce=4))
    mask = rho < 1.0

    # --- holes and fragmentation (abnormal) ----------------------------------------------
    if abn and ("holes" in phenos or "fragmented" in phenos):
        cut = np.zeros((h, w), bool)
        if "holes" in phenos:
            lx = np.arange(w, dtype=np.float32)[None, :]
            ly = np.arange(h, dtype=np.float32)[:, None]
            for _ in range(rng.integers(2, 9)):
                a = rng.uniform(-np.pi, np.pi)
                rr = R * rng.uniform(0, 0.7)
                hx, hy = cx + rr * np.cos(a) - x0, cy + rr * np.sin(a) - y0
                hr = rng.uniform(15, 70) / s * (R * s / 400) ** 0.5
                ht = _outline_table(radial_outline(rng, 8, 0.12, 1.0, rng.uniform(0, 0.4)))
                cut |= np.hypot(lx - hx, ly - hy) < hr * _lookup(ht, np.arctan2(ly - hy, lx - hx))
        if "fragmented" in phenos:
            crack = np.zeros((h, w), np.float32)
            for _ in range(rng.integers(1, 4)):
                a = rng.uniform(0, 2 * np.pi)
                start = (cx - x0 - 1.3 * R * np.cos(a), cy - y0 - 1.3 * R * np.sin(a))
                pts = random_walk(rng, start, 1.0, int(2.6 * R), rng.uniform(0.03, 0.08), heading=a)
                draw_path(crack, pts)
            width = rng.uniform(8, 30) / s
            crack = ndimage.gaussian_filter(crack, width / 2) * (1 + 0.6 * smooth_field(rng, (h, w), width * 2, reduce=4))
            cut |= crack > 0.12 / max(width / 2, 1)
        mask &= ~cut

    # --- cells ---------------------------------------------------------------------------
    jitter = rng.uniform(0.2, 0.32) if not diff else 0.32
    pts = _clip_seeds(_hex_seeds(rng, h, w, d, jitter), h, w)
    pi = np.round(pts).astype(int)
    rho_s = rho[pi[:, 1], pi[:, 0]]
    inside_s = mask[pi[:, 1], pi[:, 0]]
    grow = np.ones(len(pts), np.float32)   # cell diameter factor
    if diff:
        fmax = 1 + rng.uniform(0.8, 2.0) * severity
        rho0 = rng.uniform(0.35, 0.75)
        grow = 1 + (fmax - 1) * smoothstep(rho0, 1.0, rho_s)
        if "cobblestone" in phenos:
            grow = np.maximum(grow, rng.uniform(1.5, 2.3))
        grow[~inside_s] = fmax * rng.uniform(1.0, 1.3)
    keep = rng.random(len(pts)) < 1 / grow ** 2 * (1 if diff else rng.uniform(0.75, 1.0))
    near = inside_s | (rho_s < 1.02)
    loose = np.zeros(len(pts), bool)
    if spread > 0:
        t = (rho_s - 1) / spread
        in_spread = (rho_s >= 1) & (t < 1)
        dens = rng.uniform(0.5, 0.9)
        near |= in_spread & (rng.random(len(pts)) < dens * (1 - np.clip(t, 0, 1)) ** 1.5)
        loose |= in_spread
    keep &= near
    pts, grow, rho_s, loose, inside_s = pts[keep], grow[keep], rho_s[keep], loose[keep], inside_s[keep]
    n = len(pts)
    if n == 0:
        return None, []
    seed_img = np.zeros((h, w), np.int32)
    pi = np.round(pts).astype(int)
    seed_img[pi[:, 1], pi[:, 0]] = np.arange(1, n + 1)
    dist, ind = ndimage.distance_transform_edt(seed_img == 0, return_indices=True)
    dist = dist.astype(np.float32)
    cell = seed_img[ind[0], ind[1]]
    sy = ind[0].astype(np.float32)
    sx = ind[1].astype(np.float32)
    del ind

    # per-cell properties (index 0 unused)
    def lut(values):
        return np.concatenate([[0], values]).astype(np.float32)

    rc = lut(grow * d / 2)
    if diff:
        nc = np.clip(0.62 - 0.2 * (grow - 1), 0.28, 0.62) * rng.uniform(0.9, 1.1)
    else:
        nc = np.full(n, rng.uniform(0.55, 0.68))
    rn = lut(nc * grow * d / 2 * rng.uniform(0.85, 1.15, n))
    nox = lut(rng.normal(0, 0.12, n) * grow * d / 2)
    noy = lut(rng.normal(0, 0.12, n) * grow * d / 2)
    la = rng.uniform(0, 2 * np.pi, n)
    lr = rng.uniform(0, 0.45, n) * nc * grow * d / 2
    lox = lut(np.cos(la) * lr)
    loy = lut(np.sin(la) * lr)
    lamp = lut(rng.uniform(0.6, 1.0, n) if not diff else rng.uniform(0.2, 0.7, n))
    tj = lut(rng.normal(1, 0.05 if not diff else 0.14, n))
    flat = np.ones(n)
    if diff:
        flat = 1 - rng.uniform(0.3, 0.6) * (grow - 1) / max(grow.max() - 1, 1e-3)
    tflat = lut(flat)
    shrink = np.full(n, 9.0)  # > any distance: compact cells fill their Voronoi cell
    if diff and "gaps" in phenos:
        gap = (rng.random(n) < rng.uniform(0.15, 0.35) * severity) & (rho_s > rho0 * 0.8)
        shrink[gap] = rng.uniform(0.45, 0.75, gap.sum())
    shrink[loose] = rng.uniform(0.55, 0.95, loose.sum())
    shr = lut(shrink)
    isloose = lut(loose | (shrink < 5))

    rcp = rc[cell]
    wobble = 1 + 0.25 * smooth_field(rng, (h, w), max(d / 2, 2), reduce=2)
    present = np.where(isloose[cell] > 0, dist < shr[cell] * rcp * wobble, mask)
    present &= cell > 0
    # nucleus: a soft disc around the (offset) seed; nucleoli: small dense dots inside it
    gx = np.arange(w, dtype=np.float32)[None, :]
    gy = np.arange(h, dtype=np.float32)[:, None]
    dn = np.hypot(gx - sx - nox[cell], gy - sy - noy[cell])
    nucleus = np.clip(rn[cell] - dn + 0.5, 0, 1)
    lsig = max(0.9 / s, 0.6)
    dl = np.hypot(gx - sx - nox[cell] - lox[cell], gy - sy - noy[cell] - loy[cell])
    nucleoli = lamp[cell] * np.exp(-(dl / lsig) ** 2)
    border = np.zeros((h, w), np.float32)
    edge_v = cell[:-1, :] != cell[1:, :]
    edge_h = cell[:, :-1] != cell[:, 1:]
    border[:-1, :] += edge_v
    border[:, :-1] += edge_h
    border = ndimage.gaussian_filter(np.minimum(border, 1), 0.7)
    grain = fine_grain(rng, (h, w), max(1.0, rng.uniform(1.2, 2.0) / s))

    if diff:
        a_n, a_l, a_b, a_g = 0.25, 0.2, rng.uniform(0.25, 0.5), 0.10
    elif abn:
        a_n, a_l, a_b, a_g = 0.30, 0.35, rng.uniform(0.08, 0.2), 0.14
    else:
        a_n, a_l, a_b, a_g = rng.uniform(0.15, 0.3), rng.uniform(0.4, 0.8), rng.uniform(0.1, 0.22), rng.uniform(0.06, 0.12)
    a_b *= border_gain
    cellmod = tj[cell] + a_n * (nucleus - 0.5) + a_l * nucleoli - a_b * border + a_g * grain

    h0 = 1.0
    patches = 1 + rng.uniform(0.03, 0.08) * smooth_field(rng, (h, w), 60 / s, reduce=8)
    if diff and "light_patches" in phenos:
        lp = smooth_field(rng, (h, w), rng.uniform(30, 90) / s, reduce=8)
        patches -= rng.uniform(0.25, 0.5) * severity * np.clip(lp - 0.3, 0, None)
    pf = present.astype(np.float32)
    edge_sigma = (rng.uniform(1.0, 2.5) if not diff else rng.uniform(2.0, 5.0)) / s
    ramp = ndimage.gaussian_filter(pf, edge_sigma)
    rim_amp = rng.uniform(-0.15, 0.3)
    rimmap = pf * (1 - lowpass(pf, rng.uniform(6, 15) / s))
    phi = h0 * ramp * patches * tflat[cell] * (1 + rim_amp * rimmap) * np.clip(cellmod, 0.2, None)
    absorb = np.zeros((h, w), np.float32)

    # --- fibroblast-like spindles (differentiating) ---------------------------------------
    if spindle_len > 0:
        count = int(rng.uniform(0.8, 2.0) * severity * 2 * np.pi * R * s / 40)
        for _ in range(count):
            a = rng.uniform(-np.pi, np.pi)
            L = spindle_len * rng.uniform(0.6, 1.2)
            rr = R * _lookup(table, np.array([a]))[0] * rng.uniform(0.9, 1.0 + max(spread, 0.1) * 0.7) + 0.6 * L
            px, py = cx + rr * np.cos(a) - x0, cy + rr * np.sin(a) - y0
            ori = a + (rng.normal(0, 0.5) if rng.random() < 0.6 else np.pi / 2 + rng.normal(0, 0.4))
            Wd = rng.uniform(6, 12) / s
            _spindle(phi, present, px, py, ori, L, Wd, rng, d, s)

    # --- abnormal centres, vacuoles, cysts -------------------------------------------------
    if abn and ("dense_centre" in phenos or "necrotic" in phenos):
        ox, oy = rng.normal(0, 0.12 * R, 2)
        rc_t = _outline_table(radial_outline(rng, 10, 0.15, 0.9, rng.uniform(0, 0.3)))
        ddx, ddy = dx - ox, dy - oy
        Rc = R * rng.uniform(0.3, 0.6)
        q = np.clip(1 - (np.hypot(ddx, ddy) / (Rc * _lookup(rc_t, np.arctan2(ddy, ddx)))) ** 2, 0, 1)
        q *= mask
        lumps = fine_grain(rng, (h, w), max(d / 3, 1.0))
        phi += h0 * rng.uniform(1.5, 3.5) * q ** 0.6 * (1 + 0.35 * lumps)
        absorb += rng.uniform(0.15, 0.4) * q ** 0.8 * (1 + 0.3 * lumps)
        if "necrotic" in phenos:
            core = smoothstep(0.45, 0.8, q)
            speck = fine_grain(rng, (h, w), max(1.5 / s, 0.7))
            absorb += core * (rng.uniform(0.15, 0.35) + 0.12 * speck)
            phi += core * 0.6 * speck
    if abn and "vacuoles" in phenos:
        nv = int(rng.uniform(0.5, 2.0) * (R * s / 100) ** 2 * 6)
        ys, xs = np.nonzero(mask)
        if len(xs):
            pick = rng.integers(0, len(xs), nv)
            for k in pick:
                rv = rng.uniform(2.5, 9) / s
                r = disc_grid(rv, pad=3)
                ker = -1.0 * (r < rv) + 0.6 * np.exp(-((r - rv) / 1.0) ** 2)
                _add(phi, ker.astype(np.float32) * h0 * 0.8, xs[k], ys[k])
            np.maximum(phi, 0, out=phi)
    if abn and "cysts" in phenos:
        ys, xs = np.nonzero(mask)
        for _ in range(rng.integers(1, 5)):
            if not len(xs):
                break
            k = rng.integers(0, len(xs))
            rcy = rng.uniform(20, 80) / s
            r = disc_grid(rcy, pad=6)
            inner = smoothstep(rcy + 1, rcy - 1, r)
            wall = np.exp(-((r - rcy) / max(2.5 / s, 1.0)) ** 2)
            sub = _view(phi, xs[k], ys[k], r.shape)
            if sub is None:
                continue
            view, ks = sub
            view *= (1 - 0.85 * inner[ks])
            view += h0 * 0.9 * wall[ks] + 0.25 * h0 * inner[ks] * np.sqrt(np.clip(1 - (r[ks] / rcy) ** 2, 0, 1))
            present_sub = _view(present, xs[k], ys[k], r.shape)
            if present_sub is not None:
                pview, pks = present_sub
                pview |= r[pks] < rcy

    dead = []
    if abn and "dead_debris" in phenos:
        for _ in range(int(rng.uniform(60, 260) * (R * s / 300))):
            a = rng.uniform(-np.pi, np.pi)
            rr = R * np.sqrt(rng.uniform(0, 1.6))
            dead.append((cx + rr * np.cos(a), cy + rr * np.sin(a), rng.uniform(3.5, 8) / s))

    # --- composite into the field -----------------------------------------------------------
    free = maps.labels[y0:y1, x0:x1] == 0
    own = present & free
    if not own.any():
        return None, dead
    maps.labels[y0:y1, x0:x1][own] = colony_id
    maps.phi[y0:y1, x0:x1] += phi * free
    maps.absorb[y0:y1, x0:x1] += absorb * free
    ys, xs = np.nonzero(own)
    return (int(xs.min()) + x0, int(ys.min()) + y0, int(xs.max()) + x0 + 1, int(ys.max()) + y0 + 1), dead


def _view(arr, cx, cy, kshape):
    kh, kw = kshape
    X0, Y0 = int(cx) - kw // 2, int(cy) - kh // 2
    h, w = arr.shape
    xa, ya, xb, yb = max(X0, 0), max(Y0, 0), min(X0 + kw, w), min(Y0 + kh, h)
    if xa >= xb or ya >= yb:
        return None
    return arr[ya:yb, xa:xb], (slice(ya - Y0, yb - Y0), slice(xa - X0, xb - X0))


def _add(arr, ker, cx, cy):
    v = _view(arr, cx, cy, ker.shape)
    if v is not None:
        v[0][...] += ker[v[1]]


def _spindle(phi, present, px, py, ori, L, Wd, rng, d, s):
    """An elongated, tapered fibroblast-like cell with an oval nucleus, drawn by max into phi."""
    c, sn = np.cos(ori), np.sin(ori)
    ex = int(abs(L * c) + Wd + 3)
    ey = int(abs(L * sn) + Wd + 3)
    h, w = phi.shape
    xa, xb = max(int(px) - ex, 0), min(int(px) + ex + 1, w)
    ya, yb = max(int(py) - ey, 0), min(int(py) + ey + 1, h)
    if xa >= xb or ya >= yb:
        return
    yy, xx = np.mgrid[ya:yb, xa:xb].astype(np.float32)
    bend = rng.normal(0, 0.15)
    u = (xx - px) * c + (yy - py) * sn
    v = -(xx - px) * sn + (yy - py) * c - bend * (u * u) / max(L, 1)
    env = Wd * np.clip(1 - (u / L) ** 2, 0, None) ** 0.5
    prof = np.sqrt(np.clip(1 - (v / np.maximum(env, 1e-3)) ** 2, 0, None)) * (env > 0.3)
    nuc = np.clip(1 - (u / (Wd * 1.6)) ** 2 - (v / (Wd * 0.7)) ** 2, 0, None) ** 0.5
    val = rng.uniform(0.3, 0.5) * prof * (1 + 0.5 * nuc)
    sub = phi[ya:yb, xa:xb]
    np.maximum(sub, val, out=sub)
    present[ya:yb, xa:xb] |= prof > 0.1
