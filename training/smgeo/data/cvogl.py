"""The CVOGL drone->satellite dataset format (docs/CONTRACTS.md section 2).

```
<root>/CVOGL_DroneAerial/query/<query_name>
<root>/CVOGL_DroneAerial/satellite/<satellite_name>
<root>/CVOGL_DroneAerial/CVOGL_DroneAerial_{split}.pth
```
Each list entry is (id, query_name, satellite_name, _, click_xy, bbox_xyxy, _, class_name), the
click in query-image pixels and the box in satellite-image pixels.
"""
from __future__ import annotations

import inspect
import json
import os
from pathlib import Path
from typing import Any, Dict, List, Sequence, Tuple

import numpy as np
import torch
from PIL import Image
from torch.utils.data import Dataset

from smgeo.utils.click import make_click_channel
from smgeo.utils.normalize import normalize_rgb

from . import transforms as T

FOLDER = "CVOGL_DroneAerial"


def resolve_dataset_dir(root: "str | os.PathLike") -> Path:
    """Accept either the CVOGL_DroneAerial folder itself or the folder that holds it."""
    root = Path(root)
    if (root / FOLDER).is_dir():
        return root / FOLDER
    if (root / "query").is_dir() and (root / "satellite").is_dir():
        return root
    raise FileNotFoundError(
        f"no CVOGL dataset at {root}: expected {root / FOLDER}/ (or {root}/ itself) holding "
        f"query/, satellite/ and {FOLDER}_<split>.pth. Point --data/data_roots at the dataset folder.")


def list_path(dataset_dir: Path, split: str) -> Path:
    return dataset_dir / f"{FOLDER}_{split}.pth"


def torch_load_trusted(path: Path) -> Any:
    # The list holds plain tuples, but some copies carry numpy arrays; newer torch defaults to
    # weights_only=True and would refuse them. The dataset file is the user's own, so trust it.
    if "weights_only" in inspect.signature(torch.load).parameters:
        return torch.load(path, map_location="cpu", weights_only=False)
    return torch.load(path, map_location="cpu")


def read_split_list(dataset_dir: Path, split: str) -> List[Tuple]:
    """The split's entries from its `.pth`, or from the `.json` twin when only that exists (the
    workstation's *Export training pairs* writes JSON: Node cannot write torch pickles)."""
    path = list_path(dataset_dir, split)
    json_path = path.with_suffix(".json")
    if not path.is_file() and json_path.is_file():
        path = json_path
        try:
            entries = json.loads(json_path.read_text())
        except (OSError, ValueError) as exc:
            raise ValueError(f"cannot read split list {json_path}: {exc}. Is it the JSON the workstation exported?") from exc
    elif not path.is_file():
        present = sorted(p.name for p in dataset_dir.glob(f"{FOLDER}_*.*") if p.suffix in (".pth", ".json"))
        raise FileNotFoundError(
            f"split list {path} (or {json_path.name}) is missing (present: {', '.join(present) or 'none'}); "
            f"check the split name or regenerate the dataset.")
    else:
        try:
            entries = torch_load_trusted(path)
        except Exception as exc:  # unreadable pickles surface as many exception types
            raise ValueError(f"cannot read split list {path}: {exc}. Is it a torch.save'd list?") from exc
    if not isinstance(entries, (list, tuple)):
        raise ValueError(f"split list {path} holds a {type(entries).__name__}, expected a list of tuples")
    for index, entry in enumerate(entries):
        if not isinstance(entry, (list, tuple)) or len(entry) < 8:
            raise ValueError(f"split list {path}: entry {index} is not an 8-field tuple "
                             f"(id, query_name, satellite_name, _, click_xy, bbox_xyxy, _, class_name)")
    return list(entries)


def _open_rgb(path: Path, what: str) -> Image.Image:
    if not path.is_file():
        raise FileNotFoundError(f"{what} image {path} is missing; the split list names it.")
    try:
        with Image.open(path) as image:
            return image.convert("RGB")
    except Exception as exc:
        raise ValueError(f"cannot decode {what} image {path}: {exc}") from exc


def _as_floats(values: Any, count: int, what: str, where: str) -> List[float]:
    flat = np.asarray(values, dtype=np.float64).reshape(-1)
    if flat.size != count:
        raise ValueError(f"{where}: {what} has {flat.size} numbers, expected {count}")
    return [float(v) for v in flat]


class CvoglDataset(Dataset):
    """Pairs of (query with click channel, reference chip, target box) at the model's sizes.

    `augment=True` applies box-consistent training augmentation; the random draws depend only on
    (seed, epoch, index), so runs and resumed runs see the same samples.
    """

    def __init__(self, root: "str | os.PathLike", split: str, query_size: int, reference_size: int,
                 augment: bool = False, seed: int = 0, crop_min_scale: float = 0.6):
        self.dataset_dir = resolve_dataset_dir(root)
        self.split = split
        self.entries = read_split_list(self.dataset_dir, split)
        self.query_size = int(query_size)
        self.reference_size = int(reference_size)
        self.augment = augment
        self.seed = int(seed)
        self.crop_min_scale = crop_min_scale
        self.epoch = 0

    def set_epoch(self, epoch: int) -> None:
        self.epoch = int(epoch)

    def __len__(self) -> int:
        return len(self.entries)

    def describe(self, index: int) -> str:
        return f"{list_path(self.dataset_dir, self.split)} entry {index}"

    def __getitem__(self, index: int) -> Dict[str, Any]:
        sample_id, query_name, satellite_name, _, click_xy, bbox, _, class_name = self.entries[index][:8]
        where = self.describe(index)
        query = _open_rgb(self.dataset_dir / "query" / str(query_name), "query")
        reference = _open_rgb(self.dataset_dir / "satellite" / str(satellite_name), "satellite")
        click = _as_floats(click_xy, 2, "click_xy", where)
        box = _as_floats(bbox, 4, "bbox_xyxy", where)
        box = list(T.clip_box(box, *reference.size))
        q, r = self.query_size, self.reference_size

        rng = np.random.default_rng([self.seed, self.epoch, index]) if self.augment else None
        if rng is not None:
            reference, box = T.random_crop_keeping_box(reference, box, rng, self.crop_min_scale)
        query, click = T.resize_with_point(query, q, click)
        reference, box = T.resize_with_box(reference, r, box)
        if rng is not None:
            query = T.colour_jitter(query, rng)
            reference = T.colour_jitter(reference, rng)
        query_arr, reference_arr = np.asarray(query), np.asarray(reference)
        if rng is not None:
            # The satellite view is north-up but the drone heading is arbitrary, so any quarter turn
            # of the reference is an equally valid pairing; a mirror must apply to both views.
            reference_arr, box = T.rot90_with_box(reference_arr, box, int(rng.integers(4)))
            if rng.random() < 0.5:
                query_arr, click = T.hflip_image(query_arr), T.hflip_point(click, q)
                reference_arr, box = T.hflip_image(reference_arr), T.hflip_box(box, r)

        query_rgb = normalize_rgb(torch.from_numpy(T.to_chw_float(query_arr)))
        click_channel = make_click_channel(q, click[0], click[1])
        return {
            "query": torch.cat([query_rgb, click_channel], dim=0),
            "reference": normalize_rgb(torch.from_numpy(T.to_chw_float(reference_arr))),
            "box": torch.tensor(box, dtype=torch.float32),
            "click": torch.tensor(click, dtype=torch.float32),
            "id": sample_id if isinstance(sample_id, (int, str)) else str(sample_id),
            "class_name": str(class_name),
        }


def concat_datasets(roots: Sequence["str | os.PathLike"], split: str, query_size: int,
                    reference_size: int, augment: bool = False, seed: int = 0) -> torch.utils.data.Dataset:
    """One dataset over several roots (e.g. CVOGL plus generated pairs), in the given order."""
    if not roots:
        raise ValueError("no data roots given; set data_roots in the config or pass --data")
    parts = [CvoglDataset(root, split, query_size, reference_size, augment=augment, seed=seed)
             for root in roots]
    return parts[0] if len(parts) == 1 else torch.utils.data.ConcatDataset(parts)


def set_epoch(dataset: torch.utils.data.Dataset, epoch: int) -> None:
    """Propagate the epoch to every CvoglDataset inside a (possibly concatenated) dataset."""
    if hasattr(dataset, "set_epoch"):
        dataset.set_epoch(epoch)
    for part in getattr(dataset, "datasets", ()):
        set_epoch(part, epoch)
