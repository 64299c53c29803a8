"""Metrics on absolute boxes, and why the published cell-relative IoU must not be used."""
from __future__ import annotations

import pytest
import torch

from smgeo.losses import LossWeights, focal_loss, gaussian_targets, generalized_iou, smgeo_loss
from smgeo.metrics import (LocalizationMetrics, box_iou, cell_relative_iou, centre_cells,
                           decode_top1)

STRIDE, GRID, R = 8, (16, 16), 128


def maps_with_peak(box: torch.Tensor, cell_col: int, cell_row: int):
    heatmap = torch.full((1, 1, *GRID), -5.0)
    heatmap[0, 0, cell_row, cell_col] = 5.0
    box_map = torch.zeros(1, 4, *GRID)
    box_map[0, :, cell_row, cell_col] = box
    return heatmap, box_map


def test_identical_box_scores_one():
    box = torch.tensor([[10.0, 20.0, 50.0, 44.0]])
    assert box_iou(box, box).item() == pytest.approx(1.0)


def test_right_size_wrong_place_scores_zero_with_absolute_iou_but_one_with_cell_relative():
    gt = torch.tensor([[20.0, 20.0, 36.0, 36.0]])          # centre (28, 28): cell (3, 3)
    wrong = gt + torch.tensor([64.0, 64.0, 64.0, 64.0])    # same size, same offset, cell (11, 11)
    heatmap, box_map = maps_with_peak(wrong[0], 11, 11)
    pred, _, cells = decode_top1(heatmap, box_map)
    assert torch.equal(cells, torch.tensor([[11, 11]]))
    assert box_iou(pred, gt).item() == 0.0
    assert cell_relative_iou(pred, cells, gt, STRIDE, GRID).item() == pytest.approx(1.0)


def test_decode_reads_the_box_at_the_heatmap_peak():
    box = torch.tensor([30.0, 40.0, 70.0, 90.0])
    heatmap, box_map = maps_with_peak(box, 6, 8)
    box_map[0, :, 2, 2] = torch.tensor([0.0, 0.0, 5.0, 5.0])  # a box elsewhere, at a low score
    pred, score, cells = decode_top1(heatmap, box_map)
    assert torch.equal(pred[0], box) and torch.equal(cells[0], torch.tensor([6, 8]))
    assert score.item() == pytest.approx(torch.sigmoid(torch.tensor(5.0)).item())


def test_accuracy_thresholds_are_strict_like_detgeo():
    gt = torch.tensor([[0.0, 0.0, 100.0, 100.0]] * 4)
    # IoUs 1.0, 0.5 (exactly), 0.3, 0.0: widths chosen so that IoU = width/100.
    pred = torch.tensor([[0.0, 0.0, 100.0, 100.0], [0.0, 0.0, 50.0, 100.0],
                         [0.0, 0.0, 30.0, 100.0], [200.0, 200.0, 300.0, 300.0]])
    metrics = LocalizationMetrics()
    ious = metrics.update(pred, gt)
    assert ious.tolist() == pytest.approx([1.0, 0.5, 0.3, 0.0])
    summary = metrics.summary()
    assert summary["acc@0.5"] == pytest.approx(0.25)   # 0.5 exactly does not count
    assert summary["acc@0.25"] == pytest.approx(0.75)
    assert summary["miou"] == pytest.approx(0.45)
    assert summary["n"] == 4
    assert summary["centre_error_px_median"] == pytest.approx((25 + 35) / 2)


def test_metrics_refuse_an_empty_split():
    with pytest.raises(ValueError, match="no samples"):
        LocalizationMetrics().summary()


def test_gaussian_target_is_one_only_at_the_centre_cell():
    boxes = torch.tensor([[20.0, 20.0, 60.0, 52.0]])
    target = gaussian_targets(boxes, STRIDE, GRID)
    col, row = centre_cells(boxes, STRIDE, GRID)[0].tolist()
    assert target[0, 0, row, col] == 1.0 and int((target == 1).sum()) == 1
    assert target[0, 0, row, col + 1] > 0.0 and target[0, 0, 0, 15] == 0.0


def test_focal_loss_prefers_the_right_peak():
    boxes = torch.tensor([[20.0, 20.0, 60.0, 52.0]])
    target = gaussian_targets(boxes, STRIDE, GRID)
    col, row = centre_cells(boxes, STRIDE, GRID)[0].tolist()
    right = torch.full((1, 1, *GRID), -6.0)
    right[0, 0, row, col] = 6.0
    wrong = torch.full((1, 1, *GRID), -6.0)
    wrong[0, 0, 14, 1] = 6.0
    assert focal_loss(right, target) < 0.05 < focal_loss(wrong, target)


def test_giou_is_negative_for_distant_boxes():
    a = torch.tensor([[0.0, 0.0, 10.0, 10.0]])
    assert generalized_iou(a, a).item() == pytest.approx(1.0)
    assert generalized_iou(a, a + 50).item() < 0


def test_box_loss_vanishes_when_the_centre_cell_holds_the_true_box():
    gt = torch.tensor([[20.0, 20.0, 60.0, 52.0]])
    col, row = centre_cells(gt, STRIDE, GRID)[0].tolist()
    box_map = torch.zeros(1, 4, *GRID)
    box_map[0, :, row, col] = gt[0]
    outputs = {"heatmap": torch.zeros(1, 1, *GRID), "box": box_map, "aux_loss": torch.tensor(0.5)}
    parts = smgeo_loss(outputs, gt, R, LossWeights(heatmap=0, giou=1, l1=1, aux=2))
    assert parts["giou"].item() == pytest.approx(0.0, abs=1e-6)
    assert parts["l1"].item() == pytest.approx(0.0, abs=1e-6)
    assert parts["total"].item() == pytest.approx(1.0)   # only 2 x aux remains
    with_neighbours = smgeo_loss(outputs, gt, R, LossWeights(), neighbours=True)
    assert with_neighbours["l1"] > 0   # the neighbour cells still predict zeros


def test_unknown_loss_weight_is_refused():
    with pytest.raises(ValueError, match="unknown loss weights"):
        LossWeights.from_mapping({"heatmp": 1})
