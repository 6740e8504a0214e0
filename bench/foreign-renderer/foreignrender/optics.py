"""Turns a field's optical maps into an 8-bit grey image, in one of two imaging modes.

- phase: a phase-contrast objective passes the high-pass of the optical thickness (the phase ring
  cannot separate slow phase changes from the direct beam), which gives dark-ish textured
  colonies with a bright halo a few micrometres wide around every edge; rounded cells glow.
- brightfield: a plate imager slightly out of focus; by the transport-of-intensity relation the
  image is about the Laplacian of the thickness, so colonies keep the background's level, show
  thin low-contrast outlines and faint cell borders, and rounded cells are dark rings.
Both add uneven illumination, blur, gain/offset/gamma and shot plus read noise; every constant
is drawn per plate and jittered per field, so no one look belongs to a class.
"""
import numpy as np
from scipy import ndimage

from .primitives import smooth_field, lowpass


def draw_plate_optics(rng, style):
    """Optics of one plate: constant over its wells, jittered per field."""
    if style == "phase":
        return dict(style=style, bg=rng.uniform(0.38, 0.62), c0=rng.uniform(0.05, 0.25),
                    c1=rng.uniform(0.35, 0.7), halo_um=rng.uniform(5, 16), ka=rng.uniform(0.6, 1.0),
                    kcore=rng.uniform(0.6, 1.1), krim=rng.uniform(0.0, 0.1),
                    blur_px=rng.uniform(0.5, 1.3), noise=rng.uniform(0.006, 0.02),
                    vignette=rng.uniform(0.0, 0.3), gamma=rng.uniform(0.8, 1.25))
    return dict(style=style, bg=rng.uniform(0.4, 0.62), c0=rng.choice([-1, 1]) * rng.uniform(0.01, 0.04),
                beta=(1 if rng.random() < 0.7 else -1) * rng.uniform(0.45, 1.1), defocus_um=rng.uniform(1.0, 2.5),
                ka=rng.uniform(0.5, 0.9), kcore=rng.uniform(-0.3, 0.05), krim=rng.uniform(0.2, 0.45),
                blur_px=rng.uniform(0.4, 1.0), noise=rng.uniform(0.005, 0.015), border_gain=rng.uniform(1.5, 2.5),
                vignette=rng.uniform(0.0, 0.25), gamma=rng.uniform(0.85, 1.2))


def _soft(x, limit):
    """Saturates large optical responses smoothly (thick clumps do not go white or black)."""
    return limit * np.tanh(x / limit)


def _jitter(rng, p):
    q = dict(p)
    for k in ("bg", "c1", "beta", "ka", "noise", "kcore", "krim"):
        if k in q:
            q[k] = q[k] * rng.uniform(0.9, 1.1)
    return q


def _illumination(rng, shape, um_px, vignette):
    h, w = shape
    y = (np.arange(h, dtype=np.float32)[:, None] - h / 2 + rng.normal(0, h / 6)) / (h / 2)
    x = (np.arange(w, dtype=np.float32)[None, :] - w / 2 + rng.normal(0, w / 6)) / (w / 2)
    r2 = (x * x + y * y) / 2
    ang = rng.uniform(0, 2 * np.pi)
    grad = rng.uniform(0, 0.06) * (np.cos(ang) * x + np.sin(ang) * y)
    lowfreq = rng.uniform(0.005, 0.03) * smooth_field(rng, shape, rng.uniform(150, 500) / um_px, reduce=16)
    return (1 - vignette * r2) * (1 + grad) * (1 + lowfreq)


def render(rng, maps, plate_optics, um_px, haze=0.0):
    """The 8-bit image of `maps` under the plate's optics (haze: turbid medium, 0..1)."""
    p = _jitter(rng, plate_optics)
    phi, absorb = maps.phi, maps.absorb
    if p["style"] == "phase":
        sigma = p["halo_um"] / um_px
        hp = phi - lowpass(phi, sigma)
        img = 1 - p["c0"] * np.tanh(phi / 2) * 2 - _soft(p["c1"] * (1 - 0.5 * haze) * hp, 0.6) - p["ka"] * absorb
        img += p["kcore"] * maps.core - p["krim"] * maps.rim
    else:
        sigma = p["defocus_um"] / um_px
        lap = ndimage.gaussian_laplace(phi, sigma) * (sigma * sigma)
        img = 1 - p["c0"] * phi + _soft(p["beta"] * (1 - 0.5 * haze) * lap, 0.3) - p["ka"] * absorb
        img += p["kcore"] * maps.core - p["krim"] * maps.rim
    img *= _illumination(rng, phi.shape, um_px, p["vignette"])
    img = ndimage.gaussian_filter(img, p["blur_px"])
    img = p["bg"] * np.clip(img, 0, None)
    img = np.clip(img, 0, 1) ** p["gamma"]
    # shot noise grows with the signal, read noise does not
    img = img + rng.standard_normal(img.shape, dtype=np.float32) * p["noise"] * (0.5 + np.sqrt(img))
    return np.clip(np.round(img * 255), 0, 255).astype(np.uint8), p
