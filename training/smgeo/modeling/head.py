"""Anchor-free centre/box head at stride 8, decoding boxes inside the graph."""
from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

from ..presets import Preset

# Focal-loss prior: sigmoid(-2.19) ~= 0.1, so the untrained heatmap does not swamp the loss.
HEATMAP_PRIOR_BIAS = -math.log((1 - 0.1) / 0.1)


def conv_bn_relu(cin: int, cout: int) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


def decode_boxes(distances: torch.Tensor, stride: int, image_size: int) -> torch.Tensor:
    """distances [B, 4, h, w] (left, top, right, bottom >= 0, pixels) -> absolute xyxy, clamped."""
    h, w = distances.shape[-2:]
    cx = (torch.arange(w, dtype=distances.dtype, device=distances.device) + 0.5) * stride
    cy = (torch.arange(h, dtype=distances.dtype, device=distances.device) + 0.5) * stride
    cx, cy = cx.view(1, 1, w), cy.view(1, h, 1)
    box = torch.stack([cx - distances[:, 0], cy - distances[:, 1], cx + distances[:, 2], cy + distances[:, 3]], dim=1)
    return box.clamp(0.0, float(image_size))


class CentreBoxHead(nn.Module):
    def __init__(self, preset: Preset):
        super().__init__()
        d, c = preset.fusion_dim, preset.head_channels
        self.stride = preset.heatmap_stride
        # softplus(0) * 4 * stride ~= 22 px half-size at stride 8: a plausible object at init.
        self.box_scale = 4.0 * preset.heatmap_stride
        self.lateral_s8 = nn.Conv2d(preset.stage_dim(1), d, 1)
        self.film_s8 = nn.Linear(d, 2 * d)
        nn.init.zeros_(self.film_s8.weight)
        nn.init.zeros_(self.film_s8.bias)
        self.tower = nn.Sequential(conv_bn_relu(d + 1, c), conv_bn_relu(c, c))
        self.heatmap = nn.Conv2d(c, 1, 1)
        self.box = nn.Conv2d(c, 4, 1)
        nn.init.constant_(self.heatmap.bias, HEATMAP_PRIOR_BIAS)
        nn.init.normal_(self.box.weight, std=0.01)
        nn.init.zeros_(self.box.bias)

    def forward(self, ref_s8: torch.Tensor, fused: torch.Tensor, pooled: torch.Tensor, similarity: torch.Tensor):
        """-> heatmap logits [B, 1, h, w], boxes [B, 4, h, w] xyxy in reference pixels."""
        size = ref_s8.shape[-2:]
        gamma, beta = self.film_s8(pooled)[:, :, None, None].chunk(2, dim=1)
        x = self.lateral_s8(ref_s8) * (1 + gamma) + beta
        x = x + F.interpolate(fused, size=size, mode="bilinear", align_corners=False)
        sim = F.interpolate(similarity, size=size, mode="bilinear", align_corners=False)
        t = self.tower(torch.cat([x, sim], dim=1))
        distances = F.softplus(self.box(t)) * self.box_scale
        return self.heatmap(t), decode_boxes(distances, self.stride, size[-1] * self.stride)
