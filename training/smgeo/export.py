"""Export an SMGeo model to the app's model directory (docs/CONTRACTS.md §1).

    python3 -m smgeo.export --checkpoint runs/nano/best.pt --out ../resources/models/default \
        --metrics runs/nano/metrics.json --training-data "..." --not-trained-on "..."
    python3 -m smgeo.export --preset tiny --random-init --seed 0 --out ../test/fixtures/model-tiny

Writes reference_encoder.onnx, click_localizer.onnx, model_card.json and parity/ (inputs and the
PyTorch outputs of the full model, raw little-endian float32, so the app can check its runtime).
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime
import hashlib
import inspect
import json
import math
import os
import sys
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import numpy as np
import torch
from torch import nn

from .build import WEIGHTS_FILE, build_model, load_checkpoint
from .modeling import SMGeo, count_parameters
from .utils import MEAN, STD, make_click_channel, normalize_rgb

OPSET = 17
CARD_FORMAT = "smgeo-onnx/1"
ENCODER_FILE = "reference_encoder.onnx"
LOCALIZER_FILE = "click_localizer.onnx"


class ReferenceEncoderGraph(nn.Module):
    """reference [1,3,R,R] -> the reference feature maps, in card order."""

    def __init__(self, model: SMGeo):
        super().__init__()
        self.model = model
        self.names = [spec["name"] for spec in model.reference_feature_specs()]

    def forward(self, reference: torch.Tensor):
        feats = self.model.encode_reference(reference)
        return tuple(feats[name] for name in self.names)


class ClickLocalizerGraph(nn.Module):
    """query [1,4,Q,Q] + reference feature maps -> heatmap logits, absolute xyxy boxes."""

    def __init__(self, model: SMGeo):
        super().__init__()
        self.model = model
        self.names = [spec["name"] for spec in model.reference_feature_specs()]

    def forward(self, query: torch.Tensor, *feats: torch.Tensor):
        out = self.model.localize(query, dict(zip(self.names, feats)))
        return out["heatmap"], out["box"]


def parity_inputs(query_size: int, reference_size: int, seed: int):
    """A deterministic, image-like input pair: smooth random colours, normalised, plus a click."""
    g = torch.Generator().manual_seed(seed)

    def smooth_image(size: int) -> torch.Tensor:
        coarse = torch.rand(1, 3, max(size // 16, 2), max(size // 16, 2), generator=g)
        fine = torch.nn.functional.interpolate(coarse, size=(size, size), mode="bilinear", align_corners=False)
        return normalize_rgb((fine + 0.1 * torch.rand(1, 3, size, size, generator=g)).clamp(0, 1))

    click_x, click_y = 0.37 * query_size, 0.58 * query_size
    query = torch.cat([smooth_image(query_size), make_click_channel(query_size, click_x, click_y).unsqueeze(0)], dim=1)
    return query.contiguous(), smooth_image(reference_size).contiguous(), (click_x, click_y)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_f32(path: Path, tensor: torch.Tensor) -> List[int]:
    array = tensor.detach().cpu().numpy().astype("<f4", copy=False)
    path.write_bytes(np.ascontiguousarray(array).tobytes())
    return list(array.shape)


def check_graph(path: Path, inputs: Sequence[str], outputs: Sequence[str]) -> None:
    import onnx

    graph = onnx.load(str(path))
    onnx.checker.check_model(graph)
    got_in = [i.name for i in graph.graph.input]
    got_out = [o.name for o in graph.graph.output]
    if got_in != list(inputs) or got_out != list(outputs):
        raise RuntimeError(f"{path}: exported names {got_in} -> {got_out} differ from {list(inputs)} -> {list(outputs)}")


def export_onnx(module: nn.Module, args: tuple, path: Path, inputs: List[str], outputs: List[str]) -> None:
    # Not under torch.no_grad(): tracing then takes fused attention kernels that do not export.
    # PyTorch >= 2.9 defaults to the dynamo exporter (needs onnxscript and a newer onnx than Debian's);
    # the TorchScript exporter gives the graph the app's parity fixtures were made with.
    legacy = {"dynamo": False} if "dynamo" in inspect.signature(torch.onnx.export).parameters else {}
    torch.onnx.export(module, args, str(path), opset_version=OPSET, input_names=inputs, output_names=outputs,
                      do_constant_folding=True, **legacy)
    check_graph(path, inputs, outputs)


def creation_time() -> str:
    # SOURCE_DATE_EPOCH makes the card byte-identical across runs (reproducible fixtures).
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = (datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc) if epoch
           else datetime.datetime.now(tz=datetime.timezone.utc))
    return now.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def export_model(model: SMGeo, out_dir: Path, *, model_id: str, reference_gsd_m: float = 1.0,
                 training_data: str = "", not_trained_on: str = "", metrics: Optional[dict] = None,
                 seed: int = 0) -> dict:
    """Write the model directory and return the card."""
    model.eval()   # on the model itself: export would otherwise leave it in train mode
    p = model.preset
    out_dir.mkdir(parents=True, exist_ok=True)
    specs = model.reference_feature_specs()
    names = [s["name"] for s in specs]
    query, reference, click = parity_inputs(p.query_size, p.reference_size, seed)

    with torch.no_grad():
        full = model(query, reference)
        feats = model.encode_reference(reference)
    encoder_path, localizer_path = out_dir / ENCODER_FILE, out_dir / LOCALIZER_FILE
    export_onnx(ReferenceEncoderGraph(model), (reference,), encoder_path, ["reference"], names)
    export_onnx(ClickLocalizerGraph(model), (query, *[feats[n] for n in names]), localizer_path,
                ["query", *names], ["heatmap", "box"])
    model.eval()

    parity_dir = out_dir / "parity"
    parity_dir.mkdir(exist_ok=True)
    tensors = {"reference": reference, "query": query, "heatmap": full["heatmap"], "box": full["box"]}
    meta = {
        "description": "PyTorch outputs of the full model for these inputs; onnxruntime must match "
                       "(max abs diff of heatmap logits <= tolerance.heatmap, box pixels <= tolerance.box_px)",
        "dtype": "float32", "byte_order": "little",
        "seed": seed, "click_xy": [round(click[0], 4), round(click[1], 4)],
        "tolerance": {"heatmap": 1e-3, "box_px": 1e-2},
        "tensors": {name: {"file": f"{name}.f32", "shape": write_f32(parity_dir / f"{name}.f32", t)}
                    for name, t in tensors.items()},
    }
    (parity_dir / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")

    side = p.reference_size // p.heatmap_stride
    card = {
        "format": CARD_FORMAT,
        "model_id": model_id,
        "preset": p.name,
        "query_size": p.query_size,
        "reference_size": p.reference_size,
        "reference_gsd_m": reference_gsd_m,
        "normalization": {"mean": list(MEAN), "std": list(STD), "scale": "rgb/255"},
        "click_channel": "(1 - d/diag)^2",
        "heatmap_stride": p.heatmap_stride,
        "heatmap_size": [side, side],
        "box_encoding": "xyxy_reference_pixels",
        "reference_features": specs,
        "files": {
            "reference_encoder": {"path": ENCODER_FILE, "sha256": sha256_of(encoder_path),
                                  "inputs": ["reference"], "outputs": names},
            "click_localizer": {"path": LOCALIZER_FILE, "sha256": sha256_of(localizer_path),
                                "inputs": ["query", *names], "outputs": ["heatmap", "box"]},
        },
        "opset": OPSET,
        "parameters": count_parameters(model),
        "training_data": training_data,
        "not_trained_on": not_trained_on,
        "metrics": metrics or {},
        "created": creation_time(),
    }
    # The PyTorch weights (fp16: half the bytes, and fine-tuning is unaffected) so that
    # `smgeo.train --init-from <this folder>` can continue from exactly the model the app runs.
    weights = {k: v.half() if v.is_floating_point() else v for k, v in model.state_dict().items()}
    torch.save({"model": weights, "preset": dataclasses.asdict(p), "model_id": model_id}, out_dir / WEIGHTS_FILE)
    card["files"]["torch_weights"] = {"path": WEIGHTS_FILE, "sha256": sha256_of(out_dir / WEIGHTS_FILE)}
    (out_dir / "model_card.json").write_text(json.dumps(card, indent=2) + "\n")
    return card


def read_metrics(path: Optional[str]) -> dict:
    if not path:
        return {}
    try:
        metrics = json.loads(Path(path).read_text())
    except (OSError, json.JSONDecodeError) as exc:
        raise SystemExit(f"error: metrics file {path} could not be read as JSON ({exc}); pass the file smgeo.evaluate wrote")
    if not isinstance(metrics, dict):
        raise SystemExit(f"error: metrics file {path} must hold a JSON object like {{\"heldout\": {{...}}}}")
    return metrics


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m smgeo.export", description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--checkpoint", help="a .pt file written by smgeo.train")
    source.add_argument("--random-init", action="store_true", help="export an untrained model (test fixtures)")
    parser.add_argument("--preset", help="preset of a --random-init model (tiny, nano, paper)")
    parser.add_argument("--seed", type=int, default=0, help="weights (with --random-init) and parity input seed")
    parser.add_argument("--out", required=True, help="model directory to write")
    parser.add_argument("--metrics", help="metrics JSON from smgeo.evaluate, copied into the card")
    parser.add_argument("--training-data", default=None, help="what the model was trained on, for the card")
    parser.add_argument("--not-trained-on", default=None, help="what it was not trained on, for the card")
    parser.add_argument("--reference-gsd-m", type=float, default=1.0,
                        help="metres per pixel of the reference chips the model was trained on")
    parser.add_argument("--model-id", help="identifier in the card (default: smgeo-<preset>-<checkpoint name>)")
    args = parser.parse_args(argv)
    torch.set_num_threads(os.cpu_count() or 1)

    if not (args.reference_gsd_m > 0 and math.isfinite(args.reference_gsd_m)):
        parser.error("--reference-gsd-m must be a positive number of metres per pixel")
    if args.random_init:
        if not args.preset:
            parser.error("--random-init needs --preset (tiny, nano or paper)")
        torch.manual_seed(args.seed)
        model = build_model(args.preset)
        model_id = args.model_id or f"smgeo-{args.preset}-random-seed{args.seed}"
        training_data = args.training_data or "none: random initial weights (a test fixture, it localises nothing)"
    else:
        if args.preset:
            parser.error("--preset is read from the checkpoint; drop it or use --random-init")
        try:
            model = load_checkpoint(args.checkpoint)
        except (FileNotFoundError, ValueError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        model_id = args.model_id or f"smgeo-{model.preset.name}-{Path(args.checkpoint).stem}"
        training_data = args.training_data or "not stated by the exporter"
    card = export_model(model, Path(args.out), model_id=model_id, reference_gsd_m=args.reference_gsd_m,
                        training_data=training_data, not_trained_on=args.not_trained_on or "not stated by the exporter",
                        metrics=read_metrics(args.metrics), seed=args.seed)
    print(f"wrote {args.out}: {card['model_id']} ({card['parameters']} parameters, "
          f"query {card['query_size']}, reference {card['reference_size']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
