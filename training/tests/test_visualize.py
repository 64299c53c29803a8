"""smgeo.visualize draws the heatmap, the boxes and the expert maps for one sample."""
from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image

from smgeo.visualize import main as visualize_main


def test_visualize_an_image_pair_writes_heatmap_and_routing_maps(tmp_path):
    rng = np.random.default_rng(0)
    Image.fromarray(rng.integers(0, 255, (90, 160, 3), dtype=np.uint8)).save(tmp_path / "frame.jpg")
    Image.fromarray(rng.integers(0, 255, (100, 100, 3), dtype=np.uint8)).save(tmp_path / "chip.png")
    out = tmp_path / "viz"
    assert visualize_main(["--random-init", "tiny", "--query", str(tmp_path / "frame.jpg"), "--click", "40,60",
                           "--reference", str(tmp_path / "chip.png"), "--out", str(out)]) == 0
    summary = json.loads((out / "prediction.json").read_text())
    assert set(summary["files"]) == {"heatmap.png", "query.png", "routing_query.png", "routing_reference.png",
                                     "routing_fusion.png"}
    assert Image.open(out / "heatmap.png").size == (512, 512)
    x1, y1, x2, y2 = summary["pred_box"]
    assert 0 <= x1 <= x2 <= 128 and 0 <= y1 <= y2 <= 128
    # Five MoE layers per view in the tiny preset: five panels, each using several expert colours.
    sheet = np.asarray(Image.open(out / "routing_reference.png").convert("RGB"))
    assert sheet.shape[1] > 5 * 192


def test_visualize_refuses_a_click_outside_the_frame(tmp_path):
    Image.new("RGB", (50, 40)).save(tmp_path / "frame.png")
    with pytest.raises(SystemExit, match=r"click \(60.0, 10.0\) lies outside .*frame.png \(50x40 px\)"):
        visualize_main(["--random-init", "tiny", "--query", str(tmp_path / "frame.png"), "--click", "60,10",
                        "--reference", str(tmp_path / "frame.png"), "--out", str(tmp_path / "viz")])


def test_visualize_a_dataset_sample_draws_its_ground_truth_box(tmp_path):
    from fixtures_cvogl import write_small_dataset   # the data package's own test dataset

    write_small_dataset(tmp_path / "data")
    out = tmp_path / "viz"
    assert visualize_main(["--random-init", "tiny", "--data", str(tmp_path / "data"), "--split", "test",
                           "--index", "0", "--out", str(out)]) == 0
    summary = json.loads((out / "prediction.json").read_text())
    assert len(summary["gt_box"]) == 4 and 0.0 <= summary["iou"] <= 1.0
    # The ground-truth outline is pure green (0, 220, 0) somewhere in the picture.
    pixels = np.asarray(Image.open(out / "heatmap.png").convert("RGB")).reshape(-1, 3)
    assert ((pixels == (0, 220, 0)).all(axis=1)).any()
