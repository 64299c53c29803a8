"""SMGeo: promptable cross-view object geo-localization (drone click -> box on the satellite chip)."""
from .build import build_model, load_checkpoint
from .presets import PRESETS, Preset, get_preset

__all__ = ["PRESETS", "Preset", "build_model", "get_preset", "load_checkpoint"]
