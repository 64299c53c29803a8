"""SMGeo: the parts wired together (backbone -> fusion -> head)."""
from __future__ import annotations

from typing import Dict, List, Optional, Tuple

import torch
from torch import nn

from ..presets import Preset
from .fusion import QueryGuidedFusion
from .head import CentreBoxHead
from .swin import SwinBackbone

# Reference feature maps handed from the encoder to the localizer: (name, backbone stage).
REFERENCE_FEATURES: Tuple[Tuple[str, int], ...] = (("ref_s8", 1), ("ref_s16", 2), ("ref_s32", 3))


def _mean(losses: List[torch.Tensor]) -> torch.Tensor:
    return torch.stack(losses).mean() if losses else torch.zeros(())


class SMGeo(nn.Module):
    def __init__(self, preset: Preset):
        super().__init__()
        self.preset = preset
        self.backbone = SwinBackbone(preset)
        self.fusion = QueryGuidedFusion(preset)
        self.head = CentreBoxHead(preset)

    def reference_feature_specs(self) -> List[Dict[str, int]]:
        """Name, stride and channels of each map encode_reference returns (for the model card)."""
        p = self.preset
        return [{"name": name, "stride": p.patch_size * 2**stage, "channels": p.stage_dim(stage)}
                for name, stage in REFERENCE_FEATURES]

    def _check(self, tensor: torch.Tensor, channels: int, size: int, what: str) -> None:
        if tensor.dim() != 4 or tensor.shape[1] != channels or tensor.shape[2] != tensor.shape[3]:
            raise ValueError(f"{what} must be [B, {channels}, S, S], got {tuple(tensor.shape)}")
        if tensor.shape[2] % (self.preset.patch_size * 8):
            raise ValueError(f"{what} side {tensor.shape[2]} must be a multiple of {self.preset.patch_size * 8} "
                             f"(preset {self.preset.name!r} expects {size})")

    def _encode_reference(self, reference: torch.Tensor):
        self._check(reference, 3, self.preset.reference_size, "reference")
        features, aux, routing = self.backbone(reference, "reference")
        feats = {name: features[stage] for name, stage in REFERENCE_FEATURES}
        return feats, aux, {f"reference.{k}": v for k, v in routing.items()}

    def _localize(self, query: torch.Tensor, feats: Dict[str, torch.Tensor]):
        self._check(query, 4, self.preset.query_size, "query")
        features, aux, routing = self.backbone(query, "query")
        fused = self.fusion(features[2:], query[:, 3:4], feats["ref_s16"], feats["ref_s32"])
        heatmap, box = self.head(feats["ref_s8"], fused["fused"], fused["pooled"], fused["similarity"])
        routing = {f"query.{k}": v for k, v in routing.items()}
        routing["fusion.block0"] = fused["routing"]
        return heatmap, box, aux + [fused["aux"]], routing

    @staticmethod
    def _result(heatmap, box, aux, routing, return_routing: bool) -> Dict[str, object]:
        out: Dict[str, object] = {"heatmap": heatmap, "box": box, "aux_loss": _mean(aux)}
        if return_routing:
            out["routing"] = routing
        return out

    def encode_reference(self, reference: torch.Tensor) -> Dict[str, torch.Tensor]:
        """reference [B, 3, R, R] normalised RGB -> {'ref_s8', 'ref_s16', 'ref_s32'} feature maps."""
        return self._encode_reference(reference)[0]

    def localize(self, query: torch.Tensor, feats: Dict[str, torch.Tensor], return_routing: bool = False):
        """query [B, 4, Q, Q] + encode_reference() output -> dict(heatmap, box, aux_loss[, routing]).

        aux_loss here covers the query branch and the fusion only; forward() adds the reference's.
        """
        heatmap, box, aux, routing = self._localize(query, feats)
        return self._result(heatmap, box, aux, routing, return_routing)

    def forward(self, query: torch.Tensor, reference: torch.Tensor, return_routing: bool = False):
        """-> dict(heatmap [B,1,R/8,R/8] logits, box [B,4,R/8,R/8] xyxy px, aux_loss scalar[, routing]).

        routing maps "{query|reference}.stage{s}.block{i}" and "fusion.block0" to [B, h, w, top_k]
        expert indices.
        """
        feats, ref_aux, ref_routing = self._encode_reference(reference)
        heatmap, box, aux, routing = self._localize(query, feats)
        routing.update(ref_routing)
        return self._result(heatmap, box, ref_aux + aux, routing, return_routing)


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


def routing_keys(model: SMGeo) -> Optional[List[str]]:
    """Names of every MoE layer in the order forward() visits them (for visualisation)."""
    keys = []
    for source in ("reference", "query"):
        for s, stage in enumerate(model.backbone.stages):
            keys += [f"{source}.stage{s + 1}.block{i}" for i, b in enumerate(stage.blocks) if b.is_moe]
    return keys + ["fusion.block0"]
