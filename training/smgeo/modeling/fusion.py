"""Query-guided fusion: condition the reference features on the clicked object.

The published SMGeo code computes a query vector and never uses it; here it drives three
paths into the reference features, so the prediction cannot ignore the click:
click-weighted pooling -> FiLM modulation, cross-attention from reference tokens to the query
tokens (which carry a click embedding), and a cosine-similarity map for the head.
"""
from __future__ import annotations

import math
from typing import Dict, List

import torch
import torch.nn.functional as F
from torch import nn

from ..presets import Preset
from .gmoe import ExpertPool, GMoEFFN


class CrossAttention(nn.Module):
    def __init__(self, dim: int, num_heads: int):
        super().__init__()
        self.num_heads = num_heads
        self.scale = (dim // num_heads) ** -0.5
        self.q = nn.Linear(dim, dim)
        self.kv = nn.Linear(dim, 2 * dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x: torch.Tensor, context: torch.Tensor) -> torch.Tensor:
        """x [B, N, D] attends to context [B, M, D]."""
        b, n, d = x.shape
        m = context.shape[1]
        hd = d // self.num_heads
        q = self.q(x).reshape(b, n, self.num_heads, hd).transpose(1, 2)
        kv = self.kv(context).reshape(b, m, 2, self.num_heads, hd).permute(2, 0, 3, 1, 4)
        attn = ((q * self.scale) @ kv[0].transpose(-2, -1)).softmax(dim=-1)
        return self.proj((attn @ kv[1]).transpose(1, 2).reshape(b, n, d))


def click_pooling_weights(click: torch.Tensor, grid: torch.Size, sharpness: torch.Tensor) -> torch.Tensor:
    """click [B, 1, Q, Q] -> softmax weights [B, h*w] over the query token grid, peaked at the click.

    (1 - d/diag)^2 is broad (0.25 half a diagonal away), so it is sharpened by a learned
    temperature before it becomes a pooling distribution.
    """
    cell = F.adaptive_avg_pool2d(click, grid).flatten(1)
    return (cell * sharpness).softmax(dim=-1)


class QueryGuidedFusion(nn.Module):
    def __init__(self, preset: Preset):
        super().__init__()
        d = preset.fusion_dim
        self.query_proj = nn.Linear(preset.stage_dim(2), d)
        self.query_global_proj = nn.Linear(preset.stage_dim(3), d)
        self.click_embed = nn.Parameter(torch.zeros(d))
        nn.init.trunc_normal_(self.click_embed, std=0.02)
        self.log_sharpness = nn.Parameter(torch.tensor(math.log(16.0)))
        self.ref_s16 = nn.Conv2d(preset.stage_dim(2), d, 1)
        self.ref_s32 = nn.Conv2d(preset.stage_dim(3), d, 1)
        self.film = nn.Linear(d, 2 * d)
        # Start as the identity modulation so early training is not dominated by random FiLM.
        nn.init.zeros_(self.film.weight)
        nn.init.zeros_(self.film.bias)
        self.norm_ref = nn.LayerNorm(d)
        self.norm_query = nn.LayerNorm(d)
        self.cross_attn = CrossAttention(d, preset.fusion_heads)
        self.norm_ffn = nn.LayerNorm(d)
        self.experts = ExpertPool(d, int(d * preset.mlp_ratio), preset.num_experts)
        self.moe = GMoEFFN(d, preset.num_experts, preset.top_k, preset.router_noise)
        self.sim_query = nn.Linear(d, d)
        self.sim_ref = nn.Linear(d, d)

    def forward(self, query_feats: List[torch.Tensor], click: torch.Tensor,
                ref_s16: torch.Tensor, ref_s32: torch.Tensor) -> Dict[str, torch.Tensor]:
        """query_feats: the query's stride-16 and stride-32 maps; click [B, 1, Q, Q].

        Returns fused [B, D, h16, w16], pooled [B, D], similarity [B, 1, h16, w16], aux, routing.
        """
        q16, q32 = query_feats
        b, _, hq, wq = q16.shape
        weights = click_pooling_weights(click, q16.shape[-2:], self.log_sharpness.exp())   # [B, Nq]
        q_tokens = self.query_proj(q16.flatten(2).transpose(1, 2))                         # [B, Nq, D]
        peak = weights / weights.amax(dim=1, keepdim=True)
        q_tokens = q_tokens + peak.unsqueeze(-1) * self.click_embed
        pooled = (weights.unsqueeze(-1) * q_tokens).sum(dim=1) + self.query_global_proj(q32.mean(dim=(2, 3)))

        r = self.ref_s16(ref_s16) + F.interpolate(self.ref_s32(ref_s32), size=ref_s16.shape[-2:],
                                                  mode="bilinear", align_corners=False)
        _, d, h, w = r.shape
        r = r.flatten(2).transpose(1, 2)                                                   # [B, N, D]
        gamma, beta = self.film(pooled).unsqueeze(1).chunk(2, dim=-1)
        r = r * (1 + gamma) + beta
        r = r + self.cross_attn(self.norm_ref(r), self.norm_query(q_tokens))
        out, aux, idx = self.moe(self.norm_ffn(r), self.experts, "reference")
        r = r + out

        sim = torch.bmm(F.normalize(self.sim_ref(r), dim=-1),
                        F.normalize(self.sim_query(pooled), dim=-1).unsqueeze(-1))        # [B, N, 1]
        return {
            "fused": r.transpose(1, 2).reshape(b, d, h, w),
            "pooled": pooled,
            "similarity": sim.reshape(b, 1, h, w),
            "aux": aux,
            "routing": idx.reshape(b, h, w, -1),
        }
