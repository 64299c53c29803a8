"""Geometric and photometric transforms that keep the click and the target box consistent.

Coordinates are continuous pixel coordinates: the image spans [0, W] x [0, H], pixel (i, j)
covers [j, j+1) x [i, i+1). Boxes are (x1, y1, x2, y2). Every geometric transform here returns
the transformed image AND the transformed coordinates, so a box can never drift off its object.
"""
from __future__ import annotations

from typing import Sequence, Tuple

import numpy as np
from PIL import Image, ImageEnhance, ImageFilter

Box = Tuple[float, float, float, float]
Point = Tuple[float, float]


def resize_with_point(image: Image.Image, size: int, point: Sequence[float]) -> Tuple[Image.Image, Point]:
    """Resize to size x size (aspect not kept, bilinear) and scale a point the same way."""
    width, height = image.size
    resized = image.resize((size, size), Image.BILINEAR)
    return resized, (float(point[0]) * size / width, float(point[1]) * size / height)


def resize_with_box(image: Image.Image, size: int, box: Sequence[float]) -> Tuple[Image.Image, Box]:
    width, height = image.size
    resized = image.resize((size, size), Image.BILINEAR)
    return resized, scale_box(box, size / width, size / height)


def scale_box(box: Sequence[float], sx: float, sy: float) -> Box:
    return (float(box[0]) * sx, float(box[1]) * sy, float(box[2]) * sx, float(box[3]) * sy)


def clip_box(box: Sequence[float], width: float, height: float) -> Box:
    x1, y1, x2, y2 = (float(v) for v in box)
    x1, x2 = sorted((min(max(x1, 0.0), width), min(max(x2, 0.0), width)))
    y1, y2 = sorted((min(max(y1, 0.0), height), min(max(y2, 0.0), height)))
    return (x1, y1, x2, y2)


def rot90_with_box(image: np.ndarray, box: Sequence[float], k: int) -> Tuple[np.ndarray, Box]:
    """Rotate an HxWxC image by k quarter turns counter-clockwise (np.rot90) and its box with it.

    One counter-clockwise turn maps (x, y) to (y, W - x): the old rows become the new columns.
    """
    k %= 4
    x1, y1, x2, y2 = (float(v) for v in box)
    for _ in range(k):
        width = image.shape[1]
        image = np.rot90(image, 1)
        x1, y1, x2, y2 = y1, width - x2, y2, width - x1
    return np.ascontiguousarray(image), (x1, y1, x2, y2)


def hflip_image(image: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(image[:, ::-1])


def hflip_point(point: Sequence[float], width: float) -> Point:
    return (width - float(point[0]), float(point[1]))


def hflip_box(box: Sequence[float], width: float) -> Box:
    x1, y1, x2, y2 = (float(v) for v in box)
    return (width - x2, y1, width - x1, y2)


def random_crop_keeping_box(image: Image.Image, box: Sequence[float], rng: np.random.Generator,
                            min_scale: float = 0.6) -> Tuple[Image.Image, Box]:
    """Crop a window of the same aspect, scale s in [min_scale, 1], that fully contains the box.

    Cropping then resizing back to the model size zooms in, so the object appears at a new scale
    and a new position; the box is never cut because the window is chosen around it.
    """
    width, height = image.size
    x1, y1, x2, y2 = clip_box(box, width, height)
    # The window must be at least as large as the box on both axes.
    needed = max((x2 - x1) / width, (y2 - y1) / height)
    low = min(1.0, max(min_scale, needed))
    scale = float(rng.uniform(low, 1.0))
    crop_w, crop_h = width * scale, height * scale
    # Window origin range so that the box stays inside and the window inside the image.
    left = float(rng.uniform(max(0.0, x2 - crop_w), min(x1, width - crop_w)))
    top = float(rng.uniform(max(0.0, y2 - crop_h), min(y1, height - crop_h)))
    if scale < 1.0:
        # PIL crops at integer pixels; resize back to the original size keeps the frame fixed.
        left_i, top_i = int(round(left)), int(round(top))
        right_i = min(width, max(left_i + 1, int(round(left + crop_w))))
        bottom_i = min(height, max(top_i + 1, int(round(top + crop_h))))
        cropped = image.crop((left_i, top_i, right_i, bottom_i)).resize((width, height), Image.BILINEAR)
        sx, sy = width / (right_i - left_i), height / (bottom_i - top_i)
        box = ((x1 - left_i) * sx, (y1 - top_i) * sy, (x2 - left_i) * sx, (y2 - top_i) * sy)
        return cropped, clip_box(box, width, height)
    return image, (x1, y1, x2, y2)


def colour_jitter(image: Image.Image, rng: np.random.Generator, brightness: float = 0.3,
                  contrast: float = 0.3, saturation: float = 0.3, blur_prob: float = 0.3,
                  max_blur_radius: float = 1.5) -> Image.Image:
    """Brightness, contrast, saturation changes and an occasional blur, in random order.

    Hue is left alone on purpose: object colour is a cue the analyst's click relies on.
    """
    ops = [
        lambda im: ImageEnhance.Brightness(im).enhance(float(rng.uniform(1 - brightness, 1 + brightness))),
        lambda im: ImageEnhance.Contrast(im).enhance(float(rng.uniform(1 - contrast, 1 + contrast))),
        lambda im: ImageEnhance.Color(im).enhance(float(rng.uniform(1 - saturation, 1 + saturation))),
    ]
    for index in rng.permutation(len(ops)):
        image = ops[index](image)
    if rng.random() < blur_prob:
        image = image.filter(ImageFilter.GaussianBlur(radius=float(rng.uniform(0.1, max_blur_radius))))
    return image


def to_chw_float(image: np.ndarray) -> np.ndarray:
    """HxWx3 uint8 -> 3xHxW float32 in [0, 1]."""
    return np.ascontiguousarray(image.transpose(2, 0, 1), dtype=np.float32) / 255.0
