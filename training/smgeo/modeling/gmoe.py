"""Grid-level sparse Mixture-of-Experts FFN (GMoE).

Every token (grid cell) is routed to top_k of num_experts MLPs. The router sees the token plus
a learned embedding of its source (drone query or satellite reference) and of its stage, so the
choice depends on content, scale and source. One pool of experts per stage is shared by all the
MoE blocks of that stage; each block has its own router.
"""
from __future__ import annotations

from typing import Tuple

import torch
import torch.nn.functional as F
from torch import nn

SOURCES = ("query", "reference")


class ExpertPool(nn.Module):
    """num_experts two-layer GELU MLPs with stacked weights, plus the stage's routing context."""

    def __init__(self, dim: int, hidden: int, num_experts: int):
        super().__init__()
        self.num_experts = num_experts
        self.w1 = nn.Parameter(torch.empty(num_experts, dim, hidden))
        self.b1 = nn.Parameter(torch.zeros(num_experts, hidden))
        self.w2 = nn.Parameter(torch.empty(num_experts, hidden, dim))
        self.b2 = nn.Parameter(torch.zeros(num_experts, dim))
        self.source_embed = nn.Parameter(torch.zeros(len(SOURCES), dim))
        self.stage_embed = nn.Parameter(torch.zeros(dim))
        for w in (self.w1, self.w2):
            nn.init.trunc_normal_(w, std=0.02)
        nn.init.trunc_normal_(self.source_embed, std=0.02)
        nn.init.trunc_normal_(self.stage_embed, std=0.02)

    def routing_context(self, source: str) -> torch.Tensor:
        return self.source_embed[SOURCES.index(source)] + self.stage_embed

    def dense(self, x: torch.Tensor, idx: torch.Tensor, weights: torch.Tensor) -> torch.Tensor:
        """Run every expert on every token, then gather the chosen ones: x [N, D] -> [N, D].

        num_experts/top_k times the FLOPs of sparse(), but a static graph that exports to ONNX
        as MatMul + TopK + GatherElements with no data-dependent shapes. Used for export.
        """
        n, d = x.shape
        e, _, hidden = self.w1.shape
        w1 = self.w1.permute(1, 0, 2).reshape(d, e * hidden)
        h = F.gelu(x @ w1 + self.b1.reshape(1, e * hidden))
        h = h.reshape(n, e, hidden).transpose(0, 1)                      # [E, N, H]
        every = (torch.bmm(h, self.w2) + self.b2.unsqueeze(1)).transpose(0, 1)   # [N, E, D]
        chosen = torch.gather(every, 1, idx.unsqueeze(-1).expand(-1, -1, d))     # [N, k, D]
        return (chosen * weights.unsqueeze(-1)).sum(dim=1)

    def sparse(self, x: torch.Tensor, idx: torch.Tensor, weights: torch.Tensor) -> torch.Tensor:
        """Send each token only to its chosen experts: same result as dense(), top_k/num_experts the cost.

        One gather into expert-sorted order and one scatter back (rather than one per expert)
        keeps autograd from materialising a zero [N, D] gradient per expert.
        """
        k = idx.shape[1]
        flat_idx = idx.reshape(-1)
        order = torch.argsort(flat_idx)
        rows = torch.div(order, k, rounding_mode="floor")
        counts = torch.bincount(flat_idx, minlength=self.num_experts).tolist()
        outs = []
        for e, xe in enumerate(torch.split(x.index_select(0, rows), counts)):
            outs.append(F.gelu(xe @ self.w1[e] + self.b1[e]) @ self.w2[e] + self.b2[e])
        routed = torch.cat(outs) * weights.reshape(-1)[order].unsqueeze(-1)
        return torch.zeros_like(x).index_add(0, rows, routed)


class Router(nn.Module):
    """Noisy top-k gate (Shazeer et al. 2017) with a Switch/GShard load-balancing loss."""

    def __init__(self, dim: int, num_experts: int, top_k: int, noise: float):
        super().__init__()
        self.num_experts, self.top_k, self.noise = num_experts, top_k, noise
        self.gate = nn.Linear(dim, num_experts, bias=False)
        self.noise_gate = nn.Linear(dim, num_experts, bias=False)
        # Small random gate so an untrained model already routes by content (visualisation, tests).
        nn.init.normal_(self.gate.weight, std=0.1)
        nn.init.zeros_(self.noise_gate.weight)

    def forward(self, z: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """z [N, D] -> (weights [N, k], expert indices [N, k], aux loss scalar)."""
        clean = self.gate(z)
        logits = clean
        if self.training and self.noise > 0:
            std = F.softplus(self.noise_gate(z)) * self.noise
            logits = clean + torch.randn_like(clean) * std
        top_logits, top_idx = logits.topk(self.top_k, dim=-1)
        weights = top_logits.softmax(dim=-1)
        probs = clean.softmax(dim=-1)
        routed = torch.zeros_like(probs).scatter(1, top_idx, 1.0)
        fraction = routed.mean(dim=0) / self.top_k
        aux = self.num_experts * (fraction * probs.mean(dim=0)).sum()
        return weights, top_idx, aux


class GMoEFFN(nn.Module):
    """The FFN of an MoE block: routes each token to top_k experts of the stage's pool."""

    def __init__(self, dim: int, num_experts: int, top_k: int, noise: float):
        super().__init__()
        self.router = Router(dim, num_experts, top_k, noise)
        self.dense = False   # export forces the dense path; tests flip this to compare the two

    def forward(self, x: torch.Tensor, experts: ExpertPool, source: str):
        """x [B, N, D] -> (out [B, N, D], aux scalar, expert indices [B, N, k])."""
        b, n, d = x.shape
        flat = x.reshape(b * n, d)
        weights, idx, aux = self.router(flat + experts.routing_context(source))
        if self.dense or torch.onnx.is_in_onnx_export():
            out = experts.dense(flat, idx, weights)
        else:
            out = experts.sparse(flat, idx, weights)
        return out.reshape(b, n, d), aux, idx.reshape(b, n, -1)


class Mlp(nn.Module):
    def __init__(self, dim: int, hidden: int):
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden)
        self.fc2 = nn.Linear(hidden, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(F.gelu(self.fc1(x)))
