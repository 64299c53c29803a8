"""ONNX export: the model directory the app loads (docs/CONTRACTS.md §1)."""
from __future__ import annotations

import dataclasses
import hashlib
import json

import numpy as np
import onnx
import pytest
import torch

from smgeo import build_model
from smgeo.export import main as export_main
from smgeo.export import parity_inputs

CARD_KEYS = {"format", "model_id", "preset", "query_size", "reference_size", "reference_gsd_m", "normalization",
             "click_channel", "heatmap_stride", "box_encoding", "reference_features", "files", "opset",
             "parameters", "training_data", "not_trained_on", "metrics", "created"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("model-tiny")
    metrics = out.parent / "metrics.json"
    metrics.write_text(json.dumps({"heldout": {"acc@0.25": 0.5, "acc@0.5": 0.25, "miou": 0.3, "n": 8}}))
    rc = export_main(["--preset", "tiny", "--random-init", "--seed", "0", "--out", str(out),
                      "--metrics", str(metrics), "--reference-gsd-m", "0.5", "--not-trained-on", "CVOGL"])
    assert rc == 0
    return out, json.loads((out / "model_card.json").read_text())


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_card_follows_the_contract(exported):
    out, card = exported
    assert CARD_KEYS <= set(card)
    assert card["format"] == "smgeo-onnx/1" and card["preset"] == "tiny" and card["opset"] == 17
    assert (card["query_size"], card["reference_size"], card["heatmap_stride"]) == (64, 128, 8)
    assert card["reference_gsd_m"] == 0.5 and card["not_trained_on"] == "CVOGL"
    assert card["metrics"]["heldout"]["n"] == 8
    assert card["normalization"] == {"mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225], "scale": "rgb/255"}
    assert card["click_channel"] == "(1 - d/diag)^2" and card["box_encoding"] == "xyxy_reference_pixels"
    assert card["reference_features"] == [{"name": "ref_s8", "stride": 8, "channels": 32},
                                          {"name": "ref_s16", "stride": 16, "channels": 64},
                                          {"name": "ref_s32", "stride": 32, "channels": 128}]
    assert card["parameters"] == sum(p.numel() for p in build_model("tiny").parameters())


def test_graphs_pass_the_checker_and_match_the_card(exported):
    out, card = exported
    assert sha256(out / card["files"]["torch_weights"]["path"]) == card["files"]["torch_weights"]["sha256"]
    for name in ("reference_encoder", "click_localizer"):
        entry = card["files"][name]
        path = out / entry["path"]
        assert sha256(path) == entry["sha256"]
        graph = onnx.load(str(path))
        onnx.checker.check_model(graph)
        assert [i.name for i in graph.graph.input] == entry["inputs"]
        assert [o.name for o in graph.graph.output] == entry["outputs"]
        assert graph.opset_import[0].version == 17
    assert card["files"]["click_localizer"]["inputs"] == ["query", "ref_s8", "ref_s16", "ref_s32"]
    localizer = onnx.load(str(out / card["files"]["click_localizer"]["path"]))
    dims = {o.name: [d.dim_value for d in o.type.tensor_type.shape.dim] for o in localizer.graph.output}
    assert dims == {"heatmap": [1, 1, 16, 16], "box": [1, 4, 16, 16]}
    ops = {n.op_type for n in localizer.graph.node}
    assert {"TopK", "GatherElements"} <= ops      # the GMoE routing survives export


def test_parity_fixture_holds_the_pytorch_outputs_of_the_seeded_model(exported):
    out, _ = exported
    meta = json.loads((out / "parity" / "meta.json").read_text())
    arrays = {name: np.fromfile(out / "parity" / t["file"], dtype="<f4").reshape(t["shape"])
              for name, t in meta["tensors"].items()}
    assert arrays["query"].shape == (1, 4, 64, 64) and arrays["reference"].shape == (1, 3, 128, 128)
    torch.manual_seed(0)
    model = build_model("tiny").eval()
    query, reference, _ = parity_inputs(64, 128, seed=0)
    assert np.array_equal(arrays["query"], query.numpy())
    with torch.no_grad():
        expected = model(torch.from_numpy(arrays["query"]), torch.from_numpy(arrays["reference"]))
    assert np.allclose(arrays["heatmap"], expected["heatmap"].numpy(), atol=1e-6)
    assert np.allclose(arrays["box"], expected["box"].numpy(), atol=1e-4)


def test_a_checkpoint_exports_the_same_graphs_as_the_seeded_model(exported, tmp_path):
    _, card = exported
    torch.manual_seed(0)
    model = build_model("tiny")
    checkpoint = tmp_path / "last.pt"
    torch.save({"model": model.state_dict(), "preset": dataclasses.asdict(model.preset), "step": 3}, checkpoint)
    assert export_main(["--checkpoint", str(checkpoint), "--out", str(tmp_path / "m"), "--seed", "0"]) == 0
    again = json.loads((tmp_path / "m" / "model_card.json").read_text())
    assert again["model_id"] == "smgeo-tiny-last"
    for name in ("reference_encoder", "click_localizer"):
        assert again["files"][name]["sha256"] == card["files"][name]["sha256"]


def test_export_refuses_bad_input_with_messages_naming_the_file(tmp_path, capsys):
    assert export_main(["--checkpoint", str(tmp_path / "nope.pt"), "--out", str(tmp_path / "m")]) == 2
    assert "nope.pt does not exist" in capsys.readouterr().err
    bad = tmp_path / "metrics.json"
    bad.write_text("[1, 2]")
    with pytest.raises(SystemExit, match="metrics.json must hold a JSON object"):
        export_main(["--preset", "tiny", "--random-init", "--out", str(tmp_path / "m"), "--metrics", str(bad)])
