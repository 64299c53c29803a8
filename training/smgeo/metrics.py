"""Localisation metrics with ABSOLUTE boxes in reference-chip pixels (the DetGeo protocol).

The prediction for a sample is the box read at the heatmap's arg-max cell. acc@t counts IoU > t
(strictly, as DetGeo does), mIoU is the mean IoU, and the centre error is the pixel distance
between the predicted and the true box centres.
"""
from __future__ import annotations

from typing import Dict, List, Tuple

import torch


def box_iou(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Element-wise IoU of [..., 4] xyxy boxes; degenerate boxes give 0, not NaN."""
    a, b = a.float(), b.float()
    ix1, iy1 = torch.maximum(a[..., 0], b[..., 0]), torch.maximum(a[..., 1], b[..., 1])
    ix2, iy2 = torch.minimum(a[..., 2], b[..., 2]), torch.minimum(a[..., 3], b[..., 3])
    inter = (ix2 - ix1).clamp(min=0) * (iy2 - iy1).clamp(min=0)
    area_a = (a[..., 2] - a[..., 0]).clamp(min=0) * (a[..., 3] - a[..., 1]).clamp(min=0)
    area_b = (b[..., 2] - b[..., 0]).clamp(min=0) * (b[..., 3] - b[..., 1]).clamp(min=0)
    union = area_a + area_b - inter
    return torch.where(union > 0, inter / union.clamp(min=1e-12), torch.zeros_like(union))


def box_centres(boxes: torch.Tensor) -> torch.Tensor:
    return torch.stack([(boxes[..., 0] + boxes[..., 2]) / 2, (boxes[..., 1] + boxes[..., 3]) / 2], dim=-1)


def decode_top1(heatmap: torch.Tensor, box: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """heatmap [B,1,h,w] logits, box [B,4,h,w] -> (boxes [B,4], scores [B], cells [B,2] as (col,row))."""
    batch, _, h, w = heatmap.shape
    flat = heatmap.reshape(batch, h * w).float()
    scores, index = flat.max(dim=1)
    boxes = box.reshape(batch, 4, h * w).float().gather(2, index.view(batch, 1, 1).expand(batch, 4, 1)).squeeze(2)
    cells = torch.stack([index % w, index // w], dim=1)
    return boxes, torch.sigmoid(scores), cells


def centre_cells(boxes: torch.Tensor, stride: float, size: Tuple[int, int]) -> torch.Tensor:
    """Grid cell (col, row) that holds each box centre, clamped to the grid."""
    h, w = size
    centres = box_centres(boxes.float())
    col = (centres[:, 0] / stride).floor().long().clamp(0, w - 1)
    row = (centres[:, 1] / stride).floor().long().clamp(0, h - 1)
    return torch.stack([col, row], dim=1)


def cell_relative_iou(pred_boxes: torch.Tensor, pred_cells: torch.Tensor, gt_boxes: torch.Tensor,
                      stride: float, grid_size: Tuple[int, int]) -> torch.Tensor:
    """The published SMGeo code's IoU: each box is first expressed relative to its OWN grid cell.

    Kept only to show, in tests, why it must not be used: a box of the right size and the right
    offset inside the wrong cell scores 1, however far away that cell is.
    """
    gt_cells = centre_cells(gt_boxes, stride, grid_size)

    def relative(boxes: torch.Tensor, cells: torch.Tensor) -> torch.Tensor:
        origin = cells.float() * stride
        return boxes.float() - torch.cat([origin, origin], dim=1)

    return box_iou(relative(pred_boxes, pred_cells), relative(gt_boxes, gt_cells))


class LocalizationMetrics:
    """Accumulates per-sample IoU and centre error over batches; `summary()` gives the JSON."""

    def __init__(self) -> None:
        self.ious: List[torch.Tensor] = []
        self.centre_errors: List[torch.Tensor] = []

    def update(self, pred_boxes: torch.Tensor, gt_boxes: torch.Tensor) -> torch.Tensor:
        pred_boxes, gt_boxes = pred_boxes.detach().float().cpu(), gt_boxes.detach().float().cpu()
        iou = box_iou(pred_boxes, gt_boxes)
        self.ious.append(iou)
        self.centre_errors.append((box_centres(pred_boxes) - box_centres(gt_boxes)).norm(dim=-1))
        return iou

    @property
    def count(self) -> int:
        return int(sum(t.numel() for t in self.ious))

    def summary(self) -> Dict[str, float]:
        if not self.ious:
            raise ValueError("no samples were evaluated; is the split empty?")
        return summarize(torch.cat(self.ious), torch.cat(self.centre_errors))


def summarize(ious: torch.Tensor, centre_errors: torch.Tensor) -> Dict[str, float]:
    return {
        "acc@0.25": float((ious > 0.25).float().mean()),
        "acc@0.5": float((ious > 0.5).float().mean()),
        "miou": float(ious.mean()),
        "centre_error_px_mean": float(centre_errors.mean()),
        "centre_error_px_median": float(torch.quantile(centre_errors.double(), 0.5)),
        "n": int(ious.numel()),
    }
