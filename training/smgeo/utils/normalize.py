"""ImageNet normalisation, the one the model card declares (rgb/255, then mean/std)."""
from __future__ import annotations

import torch

MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)


def _channel_view(values, like: torch.Tensor) -> torch.Tensor:
    shape = [1] * like.dim()
    shape[-3] = 3
    return torch.tensor(values, dtype=torch.float32).view(shape)


def normalize_rgb(image: torch.Tensor) -> torch.Tensor:
    """[..., 3, H, W] uint8 (0..255) or float in [0, 1] -> float32 normalised with MEAN/STD."""
    if image.dim() < 3 or image.shape[-3] != 3:
        raise ValueError(f"normalize_rgb expects [..., 3, H, W], got shape {tuple(image.shape)}")
    if image.dtype == torch.uint8:
        image = image.float() / 255.0
    else:
        image = image.float()
    return (image - _channel_view(MEAN, image)) / _channel_view(STD, image)


def denormalize_rgb(image: torch.Tensor) -> torch.Tensor:
    """Inverse of normalize_rgb, clipped to [0, 1] (for pictures)."""
    image = image.float()
    return (image * _channel_view(STD, image) + _channel_view(MEAN, image)).clamp(0.0, 1.0)
