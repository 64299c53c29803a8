"""Build an SMGeo model from a preset, or load one from a training checkpoint."""
from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import Any, Mapping, Union

from .data.cvogl import torch_load_trusted
from .modeling import SMGeo
from .presets import Preset, get_preset


def build_model(preset: Union[str, Mapping[str, Any], Preset]) -> SMGeo:
    """A freshly initialised model; `preset` is a name ('paper', 'nano', 'tiny'), a dict
    (dataclasses.asdict of a Preset) or a Preset."""
    return SMGeo(get_preset(preset))


WEIGHTS_FILE = "weights.pt"


def read_checkpoint(path: Union[str, os.PathLike]) -> dict:
    """The dict train.py saves ({'model': state_dict, 'preset': asdict(preset), ...}), checked.

    `path` may also be an exported model folder (model_card.json + weights.pt, as smgeo.export
    writes it since format smgeo-onnx/1 gained the PyTorch weights): fine-tuning then starts from
    the very model the app ships.
    """
    if os.path.isdir(path):
        return read_model_folder(Path(path))
    if not os.path.isfile(path):
        raise FileNotFoundError(f"checkpoint {path} does not exist; pass the .pt file written by smgeo.train "
                                f"or a model folder exported by smgeo.export")
    try:
        checkpoint = torch_load_trusted(Path(path))
    except Exception as exc:  # torch raises several types for corrupt or foreign files
        raise ValueError(f"checkpoint {path} could not be read ({exc}); is it a PyTorch file written by smgeo.train?") from exc
    if not isinstance(checkpoint, dict) or "model" not in checkpoint or "preset" not in checkpoint:
        raise ValueError(f"checkpoint {path} has no 'model' and 'preset' entries; it was not written by smgeo.train")
    return checkpoint


def read_model_folder(folder: Path) -> dict:
    """An exported model folder's PyTorch weights as a checkpoint dict (fp32)."""
    card_path, weights_path = folder / "model_card.json", folder / WEIGHTS_FILE
    if not card_path.is_file():
        raise FileNotFoundError(f"{folder} is a folder but holds no model_card.json; pass a model folder "
                                f"exported by smgeo.export or a .pt checkpoint")
    if not weights_path.is_file():
        raise FileNotFoundError(
            f"model folder {folder} has no {WEIGHTS_FILE}: it was exported without its PyTorch weights (ONNX only), "
            f"so it cannot be fine-tuned. Fine-tune from the training checkpoint it was exported from, or re-export "
            f"that checkpoint with smgeo.export (which now writes {WEIGHTS_FILE}).")
    card = json.loads(card_path.read_text())
    saved = read_checkpoint(weights_path)
    if saved["preset"].get("name") != card.get("preset"):
        raise ValueError(f"{weights_path} holds preset {saved['preset'].get('name')!r} but the card says "
                         f"{card.get('preset')!r}; the folder is inconsistent, re-export it")
    # Stored in half precision to halve the folder; training runs in fp32.
    model = {k: v.float() if v.is_floating_point() else v for k, v in saved["model"].items()}
    return {**saved, "model": model, "model_id": card.get("model_id")}


def load_checkpoint(path: Union[str, os.PathLike]) -> SMGeo:
    """The model saved by train.py, in eval mode."""
    checkpoint = read_checkpoint(path)
    model = build_model(checkpoint["preset"])
    try:
        model.load_state_dict(checkpoint["model"])
    except RuntimeError as exc:
        raise ValueError(f"checkpoint {path} does not match its preset {checkpoint['preset'].get('name')!r}: {exc}") from exc
    return model.eval()


def preset_dict(model: SMGeo) -> dict:
    return dataclasses.asdict(model.preset)
