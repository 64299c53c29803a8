"""Evaluate a checkpoint on a CVOGL-format split with absolute-box metrics.

    python3 -m smgeo.evaluate --checkpoint runs/x/best.pt --data ROOT --split test [--query-blind]

`--query-blind` gives every sample another sample's query (a fixed derangement): a model that
really uses the click must lose most of its accuracy, one that ignores it loses nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Dict, List, Optional

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

from .metrics import LocalizationMetrics, decode_top1
from .progress import Progress


def derangement(n: int, seed: int = 0) -> List[int]:
    """A permutation with no fixed point (Sattolo's algorithm gives a single n-cycle)."""
    if n < 2:
        raise ValueError(f"query-blind evaluation needs at least 2 samples, the split has {n}")
    rng = np.random.default_rng(seed)
    perm = list(range(n))
    for i in range(n - 1, 0, -1):
        j = int(rng.integers(0, i))
        perm[i], perm[j] = perm[j], perm[i]
    return perm


class QueryBlindDataset(Dataset):
    """Sample i with the query (image and click) of sample perm[i]; reference and box unchanged."""

    def __init__(self, dataset: Dataset, seed: int = 0):
        self.dataset = dataset
        self.perm = derangement(len(dataset), seed)

    def __len__(self) -> int:
        return len(self.dataset)

    def __getitem__(self, index: int):
        item = dict(self.dataset[index])
        donor = self.dataset[self.perm[index]]
        item["query"], item["click"] = donor["query"], donor["click"]
        return item


def _autocast(device: torch.device):
    if device.type == "cuda":
        return torch.autocast(device_type="cuda", dtype=torch.float16)
    return torch.autocast(device_type="cpu", enabled=False)


@torch.no_grad()
def evaluate_model(model: torch.nn.Module, dataset: Dataset, device: "torch.device | str" = "cpu",
                   batch_size: int = 8, num_workers: int = 0, show_progress: bool = False) -> Dict[str, float]:
    """Top-1 box at the heatmap arg-max vs the true box, in reference pixels. Leaves the model's
    train/eval mode as it found it."""
    device = torch.device(device)
    was_training = model.training
    model.eval()
    loader = DataLoader(dataset, batch_size=batch_size, shuffle=False, num_workers=num_workers,
                        pin_memory=device.type == "cuda")
    metrics = LocalizationMetrics()
    bar = Progress(len(loader), desc="eval", enabled=show_progress)
    try:
        for batch in loader:
            with _autocast(device):
                out = model(batch["query"].to(device, non_blocking=True),
                            batch["reference"].to(device, non_blocking=True))
            boxes, _, _ = decode_top1(out["heatmap"].float(), out["box"].float())
            metrics.update(boxes, batch["box"])
            bar.update(1)
    finally:
        bar.close()
        model.train(was_training)
    return metrics.summary()


def _parse_args(argv: Optional[List[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python3 -m smgeo.evaluate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--checkpoint", required=True, help="a .pt file written by smgeo.train")
    parser.add_argument("--data", required=True, help="CVOGL-format root (or its CVOGL_DroneAerial folder)")
    parser.add_argument("--split", default="test")
    parser.add_argument("--query-blind", action="store_true", help="swap every query with another sample's")
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--num-workers", type=int, default=0)
    parser.add_argument("--device", default=None, help="cpu or cuda (default: cuda if available)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the query-blind derangement")
    parser.add_argument("--out", default=None, help="also write the metrics JSON to this file")
    return parser.parse_args(argv)


def main(argv: Optional[List[str]] = None) -> Dict[str, float]:
    from .build import load_checkpoint
    from .data import CvoglDataset

    args = _parse_args(argv)
    torch.set_num_threads(os.cpu_count() or 1)
    device = torch.device(args.device or ("cuda" if torch.cuda.is_available() else "cpu"))
    model = load_checkpoint(args.checkpoint).to(device)
    preset = model.preset
    dataset: Dataset = CvoglDataset(args.data, args.split, preset.query_size, preset.reference_size)
    if args.query_blind:
        dataset = QueryBlindDataset(dataset, seed=args.seed)
    result: Dict = evaluate_model(model, dataset, device, args.batch_size, args.num_workers,
                                  show_progress=sys.stderr.isatty())
    result["query_blind"] = bool(args.query_blind)
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text + "\n")
    return result


if __name__ == "__main__":
    try:
        main()
    except (FileNotFoundError, ValueError, FloatingPointError) as error:
        # Problems with the user's files or settings: the message says what to do, no traceback.
        sys.exit(f"error: {error}")
