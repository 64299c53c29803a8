"""Fine-tuning from an exported model folder on a JSON-only dataset (what the workstation's
*Export training pairs* writes): the folder carries the PyTorch weights, the reader takes the JSON
split lists, and the fine-tuned model is better on those objects than the one it started from."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from smgeo.build import WEIGHTS_FILE, build_model, read_checkpoint
from smgeo.evaluate import main as evaluate_main
from smgeo.export import export_model
from smgeo.train import main as train_main

from fixtures_cvogl import FOLDER, write_overfit_dataset

CONFIG = Path(__file__).resolve().parents[1] / "configs" / "tiny_overfit.json"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    root = tmp_path_factory.mktemp("finetune")
    torch.manual_seed(3)
    model = build_model("tiny")
    card = export_model(model, root / "model", model_id="smgeo-tiny-start")
    return {"root": root, "model": model, "card": card}


def test_the_model_folder_carries_its_weights_in_half_precision(exported):
    folder = exported["root"] / "model"
    assert exported["card"]["files"]["torch_weights"]["path"] == WEIGHTS_FILE
    state = read_checkpoint(folder)
    assert state["preset"]["name"] == "tiny" and state["model_id"] == "smgeo-tiny-start"
    original = exported["model"].state_dict()
    assert state["model"].keys() == original.keys()
    for name, tensor in original.items():
        assert state["model"][name].dtype == tensor.dtype
        assert torch.allclose(state["model"][name], tensor, atol=2e-3, rtol=1e-3), name


def test_a_folder_without_weights_is_refused_with_the_reason(exported, tmp_path):
    onnx_only = tmp_path / "onnx-only"
    onnx_only.mkdir()
    (onnx_only / "model_card.json").write_text(json.dumps(exported["card"]))
    with pytest.raises(FileNotFoundError, match="exported without its PyTorch weights"):
        read_checkpoint(onnx_only)
    with pytest.raises(FileNotFoundError, match="no model_card.json"):
        read_checkpoint(tmp_path)


def test_fine_tuning_from_the_folder_on_json_pairs_improves_on_those_objects(exported, tmp_path):
    data = write_overfit_dataset(tmp_path / "data")
    for pth in (data / FOLDER).glob("*.pth"):
        pth.unlink()  # the app writes only the JSON split lists
    config = json.loads(CONFIG.read_text())
    config.update(data_roots=[str(data)], max_steps=50, val_split=None, val_every=None,
                  checkpoint_every=10_000, log_every=20)
    config_path = tmp_path / "finetune.json"
    config_path.write_text(json.dumps(config))

    def accuracy(checkpoint):
        return evaluate_main(["--checkpoint", str(checkpoint), "--data", str(data), "--split", "test"])

    start = exported["root"] / "start.pt"
    torch.save(read_checkpoint(exported["root"] / "model"), start)
    before = accuracy(start)
    train_main(["--config", str(config_path), "--init-from", str(exported["root"] / "model"),
                "--out", str(tmp_path / "run")])
    after = accuracy(tmp_path / "run" / "last.pt")
    print(f"fine-tune from the exported folder: acc@0.5 {before['acc@0.5']:.2f} -> {after['acc@0.5']:.2f}, "
          f"mIoU {before['miou']:.3f} -> {after['miou']:.3f}")
    assert after["miou"] > before["miou"] + 0.2
    assert after["acc@0.5"] > before["acc@0.5"]
