"""The click prompt as an image channel, as SMGeo/DetGeo feed it: (1 - d/diag)^2."""
from __future__ import annotations

import math

import torch


def make_click_channel(size: int, x: float, y: float) -> torch.Tensor:
    """Return a [1, size, size] float32 channel for a click at (x, y) in query pixels.

    Pixel (col i, row j) sits at (i + 0.5, j + 0.5): click coordinates are continuous, so
    scaling a click from the frame to Q x Q is a plain multiplication and matches the pixel
    centres of a bilinear resize. diag = size * sqrt(2), so the value stays in [0, 1].
    """
    if size <= 0:
        raise ValueError(f"click channel size must be positive, got {size}")
    centres = torch.arange(size, dtype=torch.float32) + 0.5
    dx = centres.view(1, size) - float(x)
    dy = centres.view(size, 1) - float(y)
    dist = torch.sqrt(dx * dx + dy * dy)
    diag = size * math.sqrt(2.0)
    return (1.0 - dist / diag).clamp(min=0.0).pow(2).unsqueeze(0)
