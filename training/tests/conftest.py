"""Shared test setup: import smgeo from training/ wherever pytest is started, use every core."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
import torch

TRAINING_DIR = Path(__file__).resolve().parents[1]
if str(TRAINING_DIR) not in sys.path:
    sys.path.insert(0, str(TRAINING_DIR))

torch.set_num_threads(os.cpu_count() or 1)

from smgeo import build_model  # noqa: E402  (needs the path above)


@pytest.fixture()
def tiny_model():
    torch.manual_seed(0)
    return build_model("tiny").eval()


@pytest.fixture()
def make_pair():
    """make_pair(preset, batch=1, seed=0, click=None) -> (query, reference); click defaults to the centre."""
    from smgeo.utils import make_click_channel

    def make(preset, batch: int = 1, seed: int = 0, click=None):
        g = torch.Generator().manual_seed(seed)
        q, r = preset.query_size, preset.reference_size
        x, y = click if click is not None else (q / 2, q / 2)
        channel = make_click_channel(q, x, y).expand(batch, 1, q, q)
        query = torch.cat([torch.randn(batch, 3, q, q, generator=g), channel], dim=1)
        return query, torch.randn(batch, 3, r, r, generator=g)

    return make
