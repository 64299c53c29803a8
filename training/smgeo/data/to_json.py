"""Write CVOGL_DroneAerial_{split}.json beside every split list .pth (docs/CONTRACTS.md section 2).

    python3 -m smgeo.data.to_json ROOT

Node cannot read the .pth pickles; the app's evaluation reads these JSON arrays instead.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, List

import numpy as np
import torch

from .cvogl import FOLDER, read_split_list, resolve_dataset_dir


def to_plain(value: Any) -> Any:
    """numpy arrays/scalars and tensors -> nested lists and numbers; tuples -> lists."""
    if torch.is_tensor(value):
        return value.tolist()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def convert_split(dataset_dir: Path, split: str) -> Path:
    entries = read_split_list(dataset_dir, split)
    path = dataset_dir / f"{FOLDER}_{split}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps([to_plain(entry) for entry in entries]))
    tmp.replace(path)
    return path


def convert_all(root: "str | Path") -> List[Path]:
    dataset_dir = resolve_dataset_dir(root)
    prefix = f"{FOLDER}_"
    splits = sorted(p.stem[len(prefix):] for p in dataset_dir.glob(f"{prefix}*.pth"))
    if not splits:
        raise FileNotFoundError(f"no {prefix}<split>.pth split lists in {dataset_dir}; nothing to convert")
    return [convert_split(dataset_dir, split) for split in splits]


def main(argv: "List[str] | None" = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        sys.exit("usage: python3 -m smgeo.data.to_json ROOT   (the CVOGL root or its CVOGL_DroneAerial folder)")
    for path in convert_all(args[0]):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
