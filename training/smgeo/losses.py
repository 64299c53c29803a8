"""Training losses: CenterNet focal loss on the centre heatmap, GIoU + L1 on the box read at the
true centre cell (optionally its 3x3 neighbourhood), plus the model's auxiliary (MoE balance) loss.

Computed in float32 even under autocast: the focal loss' logs underflow in half precision.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Mapping, Optional

import torch
import torch.nn.functional as F

from .metrics import centre_cells


@dataclass
class LossWeights:
    heatmap: float = 1.0
    giou: float = 2.0
    l1: float = 5.0
    aux: float = 0.01

    @classmethod
    def from_mapping(cls, values: Optional[Mapping[str, float]]) -> "LossWeights":
        values = dict(values or {})
        unknown = set(values) - set(cls.__dataclass_fields__)
        if unknown:
            raise ValueError(f"unknown loss weights {sorted(unknown)}; known: {sorted(cls.__dataclass_fields__)}")
        return cls(**{k: float(v) for k, v in values.items()})


def gaussian_radius(height: torch.Tensor, width: torch.Tensor, min_overlap: float = 0.7) -> torch.Tensor:
    """CenterNet's radius: the largest centre shift for which a box of this size still overlaps
    the true one by `min_overlap` IoU (smallest of the three corner cases). Sizes in cells."""
    a1, b1 = 1.0, height + width
    c1 = width * height * (1 - min_overlap) / (1 + min_overlap)
    r1 = (b1 + torch.sqrt(b1 ** 2 - 4 * a1 * c1)) / 2
    a2, b2 = 4.0, 2 * (height + width)
    c2 = (1 - min_overlap) * width * height
    r2 = (b2 + torch.sqrt(b2 ** 2 - 4 * a2 * c2)) / 2
    a3, b3 = 4 * min_overlap, -2 * min_overlap * (height + width)
    c3 = (min_overlap - 1) * width * height
    r3 = (b3 + torch.sqrt(b3 ** 2 - 4 * a3 * c3)) / 2
    return torch.minimum(torch.minimum(r1, r2), r3)


def gaussian_targets(boxes: torch.Tensor, stride: float, grid_size) -> torch.Tensor:
    """[B,1,h,w] targets: 1 exactly at each centre cell, a Gaussian around it, 0 far away."""
    h, w = grid_size
    cells = centre_cells(boxes, stride, grid_size).float()
    box_w = (boxes[:, 2] - boxes[:, 0]).clamp(min=0) / stride
    box_h = (boxes[:, 3] - boxes[:, 1]).clamp(min=0) / stride
    radius = gaussian_radius(box_h, box_w).floor().clamp(min=0)
    sigma = (2 * radius + 1) / 6
    ys = torch.arange(h, device=boxes.device, dtype=torch.float32).view(1, h, 1)
    xs = torch.arange(w, device=boxes.device, dtype=torch.float32).view(1, 1, w)
    dx = xs - cells[:, 0].view(-1, 1, 1)
    dy = ys - cells[:, 1].view(-1, 1, 1)
    target = torch.exp(-(dx ** 2 + dy ** 2) / (2 * sigma.view(-1, 1, 1) ** 2))
    # CenterNet truncates the Gaussian at the radius and ignores values below machine precision.
    inside = (dx.abs() <= radius.view(-1, 1, 1)) & (dy.abs() <= radius.view(-1, 1, 1))
    target = torch.where(inside, target, torch.zeros_like(target))
    target[target < torch.finfo(torch.float32).eps] = 0
    return target.unsqueeze(1)


def focal_loss(logits: torch.Tensor, target: torch.Tensor, alpha: float = 2.0, beta: float = 4.0) -> torch.Tensor:
    """CenterNet's penalty-reduced focal loss, normalised by the number of centres."""
    logits = logits.float()
    pos = target.eq(1).float()
    neg = 1.0 - pos
    log_p = F.logsigmoid(logits)
    log_1mp = F.logsigmoid(-logits)
    p = torch.sigmoid(logits)
    pos_loss = (log_p * (1 - p) ** alpha * pos).sum()
    neg_loss = (log_1mp * p ** alpha * (1 - target) ** beta * neg).sum()
    num_pos = pos.sum().clamp(min=1.0)
    return -(pos_loss + neg_loss) / num_pos


def generalized_iou(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Element-wise GIoU of [..., 4] xyxy boxes (robust to flipped predicted corners)."""
    a = torch.stack([torch.minimum(a[..., 0], a[..., 2]), torch.minimum(a[..., 1], a[..., 3]),
                     torch.maximum(a[..., 0], a[..., 2]), torch.maximum(a[..., 1], a[..., 3])], dim=-1)
    ix1, iy1 = torch.maximum(a[..., 0], b[..., 0]), torch.maximum(a[..., 1], b[..., 1])
    ix2, iy2 = torch.minimum(a[..., 2], b[..., 2]), torch.minimum(a[..., 3], b[..., 3])
    inter = (ix2 - ix1).clamp(min=0) * (iy2 - iy1).clamp(min=0)
    area_a = (a[..., 2] - a[..., 0]) * (a[..., 3] - a[..., 1])
    area_b = (b[..., 2] - b[..., 0]) * (b[..., 3] - b[..., 1])
    union = (area_a + area_b - inter).clamp(min=1e-6)
    ex1, ey1 = torch.minimum(a[..., 0], b[..., 0]), torch.minimum(a[..., 1], b[..., 1])
    ex2, ey2 = torch.maximum(a[..., 2], b[..., 2]), torch.maximum(a[..., 3], b[..., 3])
    enclosing = ((ex2 - ex1) * (ey2 - ey1)).clamp(min=1e-6)
    iou = inter / union
    return iou - (enclosing - union) / enclosing


def boxes_at_cells(box_map: torch.Tensor, cells: torch.Tensor, neighbours: bool):
    """Gather predicted boxes at the given cells ([B,2] col,row); with `neighbours` also at the
    in-grid cells of the 3x3 block around them. Returns (boxes [N,4], sample index [N])."""
    batch, _, h, w = box_map.shape
    offsets = [(dx, dy) for dy in (-1, 0, 1) for dx in (-1, 0, 1)] if neighbours else [(0, 0)]
    picked, owners = [], []
    batch_index = torch.arange(batch, device=box_map.device)
    for dx, dy in offsets:
        col, row = cells[:, 0] + dx, cells[:, 1] + dy
        valid = (col >= 0) & (col < w) & (row >= 0) & (row < h)
        if not bool(valid.any()):
            continue
        b, c, r = batch_index[valid], col[valid], row[valid]
        picked.append(box_map[b, :, r, c])
        owners.append(b)
    return torch.cat(picked, dim=0), torch.cat(owners, dim=0)


def smgeo_loss(outputs: Mapping[str, torch.Tensor], gt_boxes: torch.Tensor, reference_size: int,
               weights: LossWeights = LossWeights(), neighbours: bool = False) -> Dict[str, torch.Tensor]:
    """outputs: the model's dict (heatmap [B,1,h,w] logits, box [B,4,h,w] absolute xyxy, aux_loss);
    gt_boxes [B,4] absolute xyxy in reference pixels. Returns total and its parts (unweighted)."""
    heatmap = outputs["heatmap"].float()
    box_map = outputs["box"].float()
    gt_boxes = gt_boxes.float().to(heatmap.device)
    h, w = heatmap.shape[-2:]
    stride = reference_size / w
    target = gaussian_targets(gt_boxes, stride, (h, w))
    heat = focal_loss(heatmap, target)

    cells = centre_cells(gt_boxes, stride, (h, w))
    pred, owner = boxes_at_cells(box_map, cells, neighbours)
    truth = gt_boxes[owner]
    giou = (1.0 - generalized_iou(pred, truth)).mean()
    l1 = ((pred - truth).abs() / reference_size).sum(dim=-1).mean()

    aux = outputs.get("aux_loss")
    aux = aux.float() if torch.is_tensor(aux) else heatmap.new_tensor(float(aux or 0.0))
    total = weights.heatmap * heat + weights.giou * giou + weights.l1 * l1 + weights.aux * aux
    return {"total": total, "heatmap": heat.detach(), "giou": giou.detach(), "l1": l1.detach(),
            "aux": aux.detach()}
