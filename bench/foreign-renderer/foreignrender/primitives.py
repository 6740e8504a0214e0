"""Drawing primitives: smooth random fields, stamped kernels, random closed curves, curves."""
import numpy as np
from PIL import Image
from scipy import ndimage


def upsample(small, shape):
    """Bilinear enlargement of a small float field to `shape` (h, w) (PIL does it in C)."""
    h, w = shape
    return np.asarray(Image.fromarray(np.ascontiguousarray(small, np.float32), "F")
                      .resize((w, h), Image.BILINEAR), np.float32)


def lowpass(img, sigma):
    """Gaussian blur for a large sigma, done at a reduced size: a wide blur has no fine detail
    to lose, and this is ~20x cheaper than the full-size filter."""
    k = int(max(1, sigma // 3))
    if k == 1:
        return ndimage.gaussian_filter(img, sigma)
    h, w = img.shape
    hh, ww = h // k * k, w // k * k
    small = img[:hh, :ww].reshape(hh // k, k, ww // k, k).mean((1, 3))
    small = ndimage.gaussian_filter(small, sigma / k, mode="nearest")
    return upsample(small, (h, w))


def smooth_field(rng, shape, scale_px, reduce=8):
    """Zero-mean, unit-std random field varying on about `scale_px` pixels, made cheaply at a
    reduced size and enlarged (the field is smooth, so nothing is lost)."""
    h, w = shape
    reduce = max(1, min(reduce, int(scale_px // 2) or 1))
    sh, sw = h // reduce + 2, w // reduce + 2
    small = rng.standard_normal((sh, sw), dtype=np.float32)
    small = ndimage.gaussian_filter(small, max(scale_px / reduce, 0.5), mode="wrap")
    std = small.std()
    small /= std if std > 0 else 1.0
    if reduce == 1:
        return small[:h, :w]
    return upsample(small[:h // reduce + 1, :w // reduce + 1], (h, w))


def fine_grain(rng, shape, sigma_px):
    """Unit-std white noise blurred to `sigma_px`: granular texture at (sub)cell scale."""
    g = ndimage.gaussian_filter(rng.standard_normal(shape, dtype=np.float32), sigma_px)
    s = g.std()
    return g / (s if s > 0 else 1.0)


def radial_outline(rng, n_harmonics, amplitude, decay, ellipticity=0.0, spikes=0, spike_len=0.0):
    """Random smooth closed curve as a radius multiplier r(theta) (mean 1): an ellipse times a
    sum of cosine harmonics whose amplitude falls as k**-decay. Returns a vectorised function."""
    ks = np.arange(2, 2 + n_harmonics)
    amps = amplitude * rng.standard_normal(len(ks)) * ks.astype(float) ** (-decay)
    phases = rng.uniform(0, 2 * np.pi, len(ks))
    axis = rng.uniform(0, np.pi)
    # thin pointed protrusions (lamellipodia, cells leaning out at corners): (angle, width, length)
    sp = [(rng.uniform(-np.pi, np.pi), rng.uniform(0.01, 0.035), spike_len * rng.uniform(0.3, 1.0))
          for _ in range(spikes)]

    def r_of(theta):
        r = np.ones_like(theta)
        for k, a, p in zip(ks, amps, phases):
            r += a * np.cos(k * theta + p)
        r *= 1.0 + ellipticity * np.cos(2 * (theta - axis))
        for a0, wd, ln in sp:
            dth = np.angle(np.exp(1j * (theta - a0)))
            r += ln * np.clip(1 - np.abs(dth) / wd, 0, None) ** 2
        return np.clip(r, 0.35, None)

    return r_of


def stamp(target, kernel, cx, cy, weight=1.0):
    """Adds `kernel * weight` centred at (cx, cy) (pixel coordinates), clipped at the borders."""
    kh, kw = kernel.shape
    x0 = int(round(cx)) - kw // 2
    y0 = int(round(cy)) - kh // 2
    h, w = target.shape
    xa, ya = max(x0, 0), max(y0, 0)
    xb, yb = min(x0 + kw, w), min(y0 + kh, h)
    if xa >= xb or ya >= yb:
        return
    target[ya:yb, xa:xb] += weight * kernel[ya - y0:yb - y0, xa - x0:xb - x0]


def disc_grid(radius, pad=2):
    """Coordinates (r) of a square grid big enough for a disc of `radius` px plus `pad`."""
    n = int(np.ceil(radius + pad))
    y, x = np.mgrid[-n:n + 1, -n:n + 1].astype(np.float32)
    return np.hypot(x, y)


def sphere_kernels(radius):
    """A rounded (detached/dead) cell of `radius` px: its optical thickness (a spherical cap),
    its rim (where light is refracted out: a thin ring) and its core (where it focuses)."""
    r = disc_grid(radius, pad=3)
    u = np.clip(1 - (r / radius) ** 2, 0, None)
    thick = np.sqrt(u)
    rim = np.exp(-((r - radius * 0.9) / max(0.6, radius * 0.18)) ** 2)
    core = np.exp(-(r / max(0.7, radius * 0.35)) ** 2)
    return thick.astype(np.float32), rim.astype(np.float32), core.astype(np.float32)


def blob_kernel(rng, radius):
    """A small irregular particle (debris): a few overlapping gaussian lumps."""
    n = int(np.ceil(radius * 2.5 + 3))
    y, x = np.mgrid[-n:n + 1, -n:n + 1].astype(np.float32)
    k = np.zeros_like(x)
    for _ in range(rng.integers(1, 4)):
        ox, oy = rng.normal(0, radius * 0.6, 2)
        s = radius * rng.uniform(0.5, 1.0)
        k += np.exp(-((x - ox) ** 2 + (y - oy) ** 2) / (2 * s * s))
    return np.clip(k, 0, 1.0)


def random_walk(rng, start, step_px, n_steps, turn_sd, heading=None):
    """Points of a smooth random path (filaments, cracks): heading changes by a gaussian turn
    each step. Returns an (n, 2) array of x, y."""
    heading = rng.uniform(0, 2 * np.pi) if heading is None else heading
    turns = np.cumsum(rng.normal(0, turn_sd, n_steps)) + heading
    steps = np.stack([np.cos(turns), np.sin(turns)], 1) * step_px
    return np.asarray(start, float) + np.cumsum(steps, 0)


def draw_path(target, pts, value=1.0):
    """Marks path points (x, y) in `target` (caller blurs it into a line of some width)."""
    h, w = target.shape
    xi = np.round(pts[:, 0]).astype(int)
    yi = np.round(pts[:, 1]).astype(int)
    ok = (xi >= 0) & (xi < w) & (yi >= 0) & (yi < h)
    target[yi[ok], xi[ok]] = value


def smoothstep(e0, e1, x):
    t = np.clip((x - e0) / (e1 - e0), 0, 1)
    return t * t * (3 - 2 * t)
