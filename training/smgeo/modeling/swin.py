"""Swin Transformer backbone shared by the drone query and the satellite reference.

Shifted windows (cyclic shift + attention mask), relative position bias, patch merging; the
attention is written out by hand because nn.MultiheadAttention does not export to ONNX in
eval mode. Window sizes are clamped to the token grid, so one set of weights serves both
views (the relative-bias table is indexed by offsets, which a smaller window also has).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Dict, List, Optional, Tuple

import torch
import torch.nn.functional as F
from torch import nn

from ..presets import Preset
from .gmoe import ExpertPool, GMoEFFN, Mlp

MASKED = -100.0


@lru_cache(maxsize=None)
def relative_position_index(window: int, table_window: int) -> torch.Tensor:
    """[w*w, w*w] indices into a (2*table_window-1)^2 bias table for a window of side `window`."""
    coords = torch.stack(torch.meshgrid(torch.arange(window), torch.arange(window), indexing="ij")).flatten(1)
    rel = coords[:, :, None] - coords[:, None, :] + (table_window - 1)
    return rel[0] * (2 * table_window - 1) + rel[1]


@lru_cache(maxsize=None)
def shifted_window_mask(hp: int, wp: int, h: int, w: int, window: int, shift: int) -> Optional[torch.Tensor]:
    """Additive mask [nW, w*w, w*w] that keeps attention inside one region of the shifted grid
    and away from padding; None when there is neither shift nor padding."""
    if shift == 0 and hp == h and wp == w:
        return None
    label = torch.zeros(hp, wp, dtype=torch.long)
    label[h:, :] = 1
    label[:, w:] = 1                       # padding, in image coordinates
    label = torch.roll(label, shifts=(-shift, -shift), dims=(0, 1))
    if shift:
        region = 0
        cuts = (slice(0, -window), slice(-window, -shift), slice(-shift, None))
        for hs in cuts:
            for ws in cuts:
                label[hs, ws] += 2 * region
                region += 1
    windows = partition_windows(label.view(1, hp, wp, 1).float(), window).squeeze(-1)  # [nW, w*w]
    differs = windows.unsqueeze(1) != windows.unsqueeze(2)
    return differs.float() * MASKED


def partition_windows(x: torch.Tensor, window: int) -> torch.Tensor:
    b, h, w, c = x.shape
    x = x.reshape(b, h // window, window, w // window, window, c)
    return x.permute(0, 1, 3, 2, 4, 5).reshape(-1, window * window, c)


def merge_windows(windows: torch.Tensor, window: int, b: int, h: int, w: int) -> torch.Tensor:
    c = windows.shape[-1]
    x = windows.reshape(b, h // window, w // window, window, window, c)
    return x.permute(0, 1, 3, 2, 4, 5).reshape(b, h, w, c)


class WindowAttention(nn.Module):
    def __init__(self, dim: int, num_heads: int, window_size: int):
        super().__init__()
        self.num_heads = num_heads
        self.window_size = window_size
        self.scale = (dim // num_heads) ** -0.5
        self.qkv = nn.Linear(dim, dim * 3)
        self.proj = nn.Linear(dim, dim)
        self.relative_position_bias_table = nn.Parameter(torch.zeros((2 * window_size - 1) ** 2, num_heads))
        nn.init.trunc_normal_(self.relative_position_bias_table, std=0.02)

    def forward(self, x: torch.Tensor, window: int, mask: Optional[torch.Tensor]) -> torch.Tensor:
        """x [B*nW, w*w, C] -> same shape; mask [nW, w*w, w*w] or None."""
        bw, n, c = x.shape
        qkv = self.qkv(x).reshape(bw, n, 3, self.num_heads, c // self.num_heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        attn = (q * self.scale) @ k.transpose(-2, -1)                      # [BW, heads, n, n]
        index = relative_position_index(window, self.window_size).to(x.device)
        bias = self.relative_position_bias_table[index.reshape(-1)].reshape(n, n, -1).permute(2, 0, 1)
        attn = attn + bias.unsqueeze(0)
        if mask is not None:
            nw = mask.shape[0]
            attn = attn.reshape(bw // nw, nw, self.num_heads, n, n) + mask.to(x.device)[None, :, None]
            attn = attn.reshape(bw, self.num_heads, n, n)
        out = attn.softmax(dim=-1) @ v
        return self.proj(out.transpose(1, 2).reshape(bw, n, c))


class SwinBlock(nn.Module):
    def __init__(self, dim: int, num_heads: int, window_size: int, shifted: bool, mlp_ratio: float,
                 moe: Optional[Tuple[int, int, float]] = None):
        super().__init__()
        self.window_size = window_size
        self.shifted = shifted
        self.norm1 = nn.LayerNorm(dim)
        self.attn = WindowAttention(dim, num_heads, window_size)
        self.norm2 = nn.LayerNorm(dim)
        self.is_moe = moe is not None
        hidden = int(dim * mlp_ratio)
        self.ffn = GMoEFFN(dim, *moe) if moe is not None else Mlp(dim, hidden)

    def window_and_shift(self, h: int, w: int) -> Tuple[int, int]:
        # As in Swin: a grid no larger than the window is one window, and shifting it is pointless.
        window = min(self.window_size, h, w)
        shift = window // 2 if self.shifted and min(h, w) > window else 0
        return window, shift

    def forward(self, x: torch.Tensor, source: str, experts: Optional[ExpertPool]):
        """x [B, H, W, C] -> (x, aux loss or None, expert indices [B, H, W, k] or None)."""
        b, h, w, c = x.shape
        # Plain ints: the tracer would otherwise hand out size tensors, the cached mask would be
        # rebuilt inside the graph and the export would carry its in-place construction.
        h, w = int(h), int(w)
        window, shift = self.window_and_shift(h, w)
        hp, wp = -(-h // window) * window, -(-w // window) * window
        y = self.norm1(x)
        if hp != h or wp != w:
            y = F.pad(y, (0, 0, 0, wp - w, 0, hp - h))
        if shift:
            y = torch.roll(y, shifts=(-shift, -shift), dims=(1, 2))
        mask = shifted_window_mask(hp, wp, h, w, window, shift)
        y = merge_windows(self.attn(partition_windows(y, window), window, mask), window, b, hp, wp)
        if shift:
            y = torch.roll(y, shifts=(shift, shift), dims=(1, 2))
        x = x + y[:, :h, :w, :]

        tokens = x.reshape(b, h * w, c)
        if self.is_moe:
            out, aux, idx = self.ffn(self.norm2(tokens), experts, source)
            return (tokens + out).reshape(b, h, w, c), aux, idx.reshape(b, h, w, -1)
        return (tokens + self.ffn(self.norm2(tokens))).reshape(b, h, w, c), None, None


class PatchMerging(nn.Module):
    def __init__(self, dim: int):
        super().__init__()
        self.norm = nn.LayerNorm(4 * dim)
        self.reduction = nn.Linear(4 * dim, 2 * dim, bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, h, w, c = x.shape
        if h % 2 or w % 2:
            x = F.pad(x, (0, 0, 0, w % 2, 0, h % 2))
        x = torch.cat([x[:, 0::2, 0::2], x[:, 1::2, 0::2], x[:, 0::2, 1::2], x[:, 1::2, 1::2]], dim=-1)
        return self.reduction(self.norm(x))


class SwinStage(nn.Module):
    def __init__(self, preset: Preset, stage: int):
        super().__init__()
        dim = preset.stage_dim(stage)
        moe_args = (preset.num_experts, preset.top_k, preset.router_noise)
        self.blocks = nn.ModuleList([
            SwinBlock(dim, preset.num_heads[stage], preset.window_size, shifted=i % 2 == 1,
                      mlp_ratio=preset.mlp_ratio, moe=moe_args if preset.is_moe(stage, i) else None)
            for i in range(preset.depths[stage])
        ])
        has_moe = any(block.is_moe for block in self.blocks)
        self.experts = ExpertPool(dim, int(dim * preset.mlp_ratio), preset.num_experts) if has_moe else None
        self.norm = nn.LayerNorm(dim)
        self.downsample = PatchMerging(dim) if stage < 3 else None

    def forward(self, x: torch.Tensor, source: str):
        """x [B, H, W, C] -> (stage output [B, H, W, C] normalised, next stage input, aux list, routing)."""
        aux: List[torch.Tensor] = []
        routing: Dict[int, torch.Tensor] = {}
        for i, block in enumerate(self.blocks):
            x, block_aux, idx = block(x, source, self.experts)
            if block_aux is not None:
                aux.append(block_aux)
                routing[i] = idx
        out = self.norm(x)
        nxt = self.downsample(x) if self.downsample is not None else None
        return out, nxt, aux, routing


class SwinBackbone(nn.Module):
    """Four Swin stages (strides 4, 8, 16, 32) with one patch embedding per view."""

    def __init__(self, preset: Preset):
        super().__init__()
        p, dim = preset.patch_size, preset.embed_dim
        self.patch_embed = nn.ModuleDict({
            "query": nn.Conv2d(4, dim, kernel_size=p, stride=p),       # RGB + click channel
            "reference": nn.Conv2d(3, dim, kernel_size=p, stride=p),
        })
        self.embed_norm = nn.LayerNorm(dim)
        self.stages = nn.ModuleList([SwinStage(preset, s) for s in range(4)])

    def forward(self, image: torch.Tensor, source: str):
        """image [B, 3|4, H, W] -> ([B, C_s, H/stride, W/stride] for strides 4, 8, 16, 32, aux list, routing).

        routing maps "stage{s}.block{i}" (1-based stage, 0-based block) to [B, h, w, top_k] indices.
        """
        x = self.embed_norm(self.patch_embed[source](image).permute(0, 2, 3, 1))
        features: List[torch.Tensor] = []
        aux: List[torch.Tensor] = []
        routing: Dict[str, torch.Tensor] = {}
        for s, stage in enumerate(self.stages):
            out, x, stage_aux, stage_routing = stage(x, source)
            features.append(out.permute(0, 3, 1, 2))
            aux.extend(stage_aux)
            routing.update({f"stage{s + 1}.block{i}": idx for i, idx in stage_routing.items()})
        return features, aux, routing
