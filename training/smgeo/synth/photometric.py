"""Appearance changes between the orthophoto's date and the drone's: season, sun, camera."""
from __future__ import annotations

import io

import numpy as np
from PIL import Image
from scipy import ndimage

from . import materials as M
from .lighting import Sun

SEASON_TINTS = {  # multiplies vegetation albedo
    "summer": (1.0, 1.0, 1.0),
    "spring": (0.92, 1.12, 0.88),
    "autumn": (1.35, 1.05, 0.62),
    "dry": (1.45, 1.25, 0.85),
}


def random_sun(rng: np.random.Generator) -> Sun:
    warm = rng.uniform(0, 0.25)
    return Sun(float(rng.uniform(0, 360)), float(rng.uniform(25, 65)), (1.0, 1.0 - 0.3 * warm, 1.0 - 0.6 * warm))


def season_albedo(albedo, material, rng: np.random.Generator):
    """A different date's albedo: vegetation changes colour, the rest only slightly."""
    name = list(SEASON_TINTS)[rng.integers(len(SEASON_TINTS))]
    veg = np.isin(material, M.VEGETATION)[..., None]
    tint = np.asarray(SEASON_TINTS[name], np.float32) * rng.uniform(0.9, 1.1, 3).astype(np.float32)
    out = np.where(veg, albedo * tint, albedo * rng.uniform(0.95, 1.05, 3).astype(np.float32))
    return np.clip(out, 0, 1).astype(np.float32), name


def camera_finish(rgb, rng: np.random.Generator, blur_max: float = 1.2, noise_max: float = 0.02):
    """Exposure, white balance, contrast, lens blur and sensor noise -> uint8."""
    gain = rng.uniform(0.85, 1.2) * rng.uniform(0.93, 1.07, 3)
    img = np.clip(rgb * gain.astype(np.float32), 0, 1)
    img = img ** np.float32(rng.uniform(0.85, 1.15))
    sigma = rng.uniform(0, blur_max)
    if sigma > 0.3:
        img = ndimage.gaussian_filter(img, (sigma, sigma, 0))
    img = img + rng.normal(0, rng.uniform(0, noise_max), img.shape).astype(np.float32)
    return np.clip(img * 255 + 0.5, 0, 255).astype(np.uint8)


def jpeg_bytes(img: np.ndarray, quality: int) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(img).save(buf, format="JPEG", quality=int(quality), optimize=True)
    return buf.getvalue()
