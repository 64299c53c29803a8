"""Build an SMGeo model from a preset, or load one from a training checkpoint."""
from __future__ import annotations

import dataclasses
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


def read_checkpoint(path: Union[str, os.PathLike]) -> dict:
    """The dict train.py saves ({'model': state_dict, 'preset': asdict(preset), ...}), checked."""
    if not os.path.isfile(path):
        raise FileNotFoundError(f"checkpoint {path} does not exist; pass the .pt file written by smgeo.train")
    try:
        checkpoint = torch_load_trusted(Path(path))
    except Exception as exc:  # torch raises several types for corrupt or foreign files
        raise ValueError(f"checkpoint {path} could not be read ({exc}); is it a PyTorch file written by smgeo.train?") from exc
    if not isinstance(checkpoint, dict) or "model" not in checkpoint or "preset" not in checkpoint:
        raise ValueError(f"checkpoint {path} has no 'model' and 'preset' entries; it was not written by smgeo.train")
    return checkpoint


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
