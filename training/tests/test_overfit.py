"""The whole training loop on a handful of samples: the loss falls and the box follows the click.

Two scenes, three coloured objects each; in every scene two objects are clicked in otherwise
identical drone views. Overfitting them is only possible if the prediction depends on the click.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import torch

from smgeo.build import load_checkpoint
from smgeo.data import CvoglDataset
from smgeo.evaluate import main as evaluate_main
from smgeo.metrics import box_centres, box_iou, decode_top1
from smgeo.train import load_config, train
from smgeo.train import main as train_main

from fixtures_cvogl import write_overfit_dataset

CONFIG = Path(__file__).resolve().parents[1] / "configs" / "tiny_overfit.json"


def read_log(path: Path, event: str):
    return [r for r in map(json.loads, path.read_text().splitlines()) if r["event"] == event]


@pytest.fixture(scope="module")
def overfit_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("overfit")
    write_overfit_dataset(root / "data")
    config = load_config(CONFIG, [str(root / "data")])
    # Validation is measured below on the trained model; skip it inside the loop to save time.
    config.update(val_split=None, val_every=None, log_every=5, checkpoint_every=10_000)
    started = time.monotonic()
    result = train(config, root / "run", show_progress=False)
    return {"root": root, "config": config, "result": result, "seconds": time.monotonic() - started}


def test_loss_falls_by_at_least_80_percent(overfit_run):
    log = read_log(overfit_run["root"] / "run" / "train.log.jsonl", "train")
    first, last = log[0]["loss"], log[-1]["loss"]
    print(f"overfit: loss {first:.3f} -> {last:.3f} in {overfit_run['result']['step']} steps, "
          f"{overfit_run['seconds']:.0f}s")
    assert overfit_run["result"]["step"] == overfit_run["config"]["max_steps"]
    assert last <= 0.2 * first, f"loss only fell from {first:.3f} to {last:.3f}"


def test_the_box_follows_the_click_on_the_same_reference(overfit_run):
    model = load_checkpoint(overfit_run["root"] / "run" / "last.pt")
    preset = model.preset
    dataset = CvoglDataset(overfit_run["root"] / "data", "test", preset.query_size, preset.reference_size)
    # Samples 0 and 1: the same satellite image, the same drone view, different objects clicked.
    a, b = dataset[0], dataset[1]
    assert torch.equal(a["reference"], b["reference"])
    assert torch.equal(a["query"][:3], b["query"][:3])
    with torch.no_grad():
        out = model(torch.stack([a["query"], b["query"]]), torch.stack([a["reference"], b["reference"]]))
    boxes, _, _ = decode_top1(out["heatmap"], out["box"])
    targets = torch.stack([a["box"], b["box"]])
    ious = box_iou(boxes, targets)
    centre_errors = (box_centres(boxes) - box_centres(targets)).norm(dim=-1)
    print(f"click-following: IoU {ious.tolist()}, centre error px {centre_errors.tolist()}")
    stride = preset.heatmap_stride
    assert box_iou(boxes[0:1], boxes[1:2]).item() < 0.1, "two different clicks gave the same box"
    for i in range(2):
        assert ious[i] >= 0.5 or centre_errors[i] <= stride, \
            f"sample {i}: IoU {ious[i]:.2f}, centre {centre_errors[i]:.1f}px off (target {targets[i].tolist()})"


def test_evaluate_reports_high_accuracy_and_a_query_blind_drop(overfit_run, tmp_path, capsys):
    args = ["--checkpoint", str(overfit_run["root"] / "run" / "last.pt"),
            "--data", str(overfit_run["root"] / "data"), "--split", "test"]
    seen = evaluate_main(args + ["--out", str(tmp_path / "metrics.json")])
    blind = evaluate_main(args + ["--query-blind"])
    written = json.loads((tmp_path / "metrics.json").read_text())
    assert written == seen and seen["n"] == 4 and seen["query_blind"] is False and blind["query_blind"] is True
    assert set(seen) == {"acc@0.25", "acc@0.5", "miou", "centre_error_px_mean", "centre_error_px_median",
                         "n", "query_blind"}
    assert seen["acc@0.5"] >= 0.75
    assert blind["miou"] < seen["miou"] - 0.3, (seen, blind)


def test_resume_from_the_command_line_continues_from_the_saved_step(tmp_path, capsys):
    write_overfit_dataset(tmp_path / "data")
    settings = json.loads(CONFIG.read_text())
    settings.update(val_split=None, val_every=None, log_every=1, max_steps=3, checkpoint_every=2, batch_size=2)
    config_path = tmp_path / "short.json"
    config_path.write_text(json.dumps(settings))
    common = ["--config", str(config_path), "--data", str(tmp_path / "data"), "--out", str(tmp_path / "run")]
    train_main(common)
    assert json.loads(capsys.readouterr().out.splitlines()[-1])["step"] == 3
    saved = torch.load(tmp_path / "run" / "last.pt", map_location="cpu")
    assert saved["step"] == 3 and saved["preset"]["name"] == "tiny" and "optimizer" in saved
    settings["max_steps"] = 5
    config_path.write_text(json.dumps(settings))
    train_main(common + ["--resume", str(tmp_path / "run" / "last.pt")])
    assert json.loads(capsys.readouterr().out.splitlines()[-1])["step"] == 5
    steps = [r["step"] for r in read_log(tmp_path / "run" / "train.log.jsonl", "train")]
    assert steps == [1, 2, 3, 4, 5]
    # Four samples, two per step: step 4 ends epoch 1, step 5 is the first step of epoch 2.
    assert torch.load(tmp_path / "run" / "last.pt", map_location="cpu")["epoch"] == 2


def test_init_from_fine_tunes_from_the_weights_with_a_fresh_schedule(tmp_path):
    write_overfit_dataset(tmp_path / "data")
    config = load_config(CONFIG, [str(tmp_path / "data")])
    config.update(val_split=None, val_every=None, log_every=1, max_steps=2, checkpoint_every=1000, batch_size=2)
    train(config, tmp_path / "first", show_progress=False)
    first = torch.load(tmp_path / "first" / "last.pt", map_location="cpu")

    # lr 0: the weights must come out exactly as they went in, and the step count restarts.
    tuned = train({**config, "init_from": str(tmp_path / "first" / "last.pt"), "lr": 0.0, "max_steps": 1},
                  tmp_path / "second", show_progress=False)
    assert tuned["step"] == 1
    for name, value in tuned["model"].state_dict().items():
        if not name.endswith("num_batches_tracked") and "running_" not in name:
            assert torch.equal(value, first["model"][name]), name

    other = {**first, "preset": {**first["preset"], "name": "nano"}}
    torch.save(other, tmp_path / "nano.pt")
    with pytest.raises(ValueError, match="holds preset 'nano'"):
        train({**config, "init_from": str(tmp_path / "nano.pt")}, tmp_path / "third", show_progress=False)
