"""Training-step benchmark (not a test): seconds per optimisation step of a preset on this machine.

    python3 -m smgeo.bench [--preset nano] [--batch 16] [--steps 5] [--json]

Random inputs of the preset's sizes go through forward, loss, backward and AdamW, as in
`smgeo.train`; the first steps warm up and are not counted. `npm run bench` calls this with --json
and puts the figures in its report.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

import torch

from .build import build_model
from .losses import LossWeights, smgeo_loss
from .train import make_optimizer


def random_batch(preset, batch: int, generator: torch.Generator):
    q, r = preset.query_size, preset.reference_size
    query = torch.randn(batch, 4, q, q, generator=generator)
    reference = torch.randn(batch, 3, r, r, generator=generator)
    centre = torch.rand(batch, 2, generator=generator) * r * 0.6 + r * 0.2
    half = torch.rand(batch, 2, generator=generator) * r * 0.08 + 4
    boxes = torch.cat([centre - half, centre + half], dim=1)
    return query, reference, boxes


def time_steps(preset_name: str, batch: int, steps: int, warmup: int = 2) -> dict:
    torch.manual_seed(0)
    model = build_model(preset_name)
    model.train()
    optimizer = make_optimizer(model, lr=1e-4, weight_decay=0.05)
    generator = torch.Generator().manual_seed(0)
    query, reference, boxes = random_batch(model.preset, batch, generator)
    times = []
    for i in range(warmup + steps):
        start = time.perf_counter()
        out = model(query, reference)
        loss = smgeo_loss(out, boxes, model.preset.reference_size, LossWeights(), neighbours=True)["total"]
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        if i >= warmup:
            times.append(time.perf_counter() - start)
    return {
        "preset": preset_name,
        "batch": batch,
        "steps": steps,
        "step_s_median": round(statistics.median(times), 3),
        "step_s_min": round(min(times), 3),
        "samples_per_s": round(batch / statistics.median(times), 2),
        "parameters": sum(p.numel() for p in model.parameters()),
        "torch_threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "load_avg_1m": round(os.getloadavg()[0], 2),
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--preset", default="nano")
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print one JSON line only")
    args = parser.parse_args(argv)
    torch.set_num_threads(os.cpu_count() or 1)
    result = {"training_step_cpu": time_steps(args.preset, args.batch, args.steps)}
    if args.json:
        print(json.dumps(result))
    else:
        json.dump(result, sys.stdout, indent=2)
        print()


if __name__ == "__main__":
    main()
