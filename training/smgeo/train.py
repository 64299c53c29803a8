"""Train SMGeo on CVOGL-format data.

    python3 -m smgeo.train --config configs/nano_synth.json [--resume runs/x/last.pt] [--out runs/x]
    torchrun --nproc_per_node 8 -m smgeo.train --config configs/paper_cvogl.json   # several GPUs

Writes into the output folder: train.log.jsonl (one JSON object per line), last.pt (every
`checkpoint_every` steps and at the end) and best.pt (best val acc@0.5, when a val split is set).
Relative data roots in a config are resolved against the config file's folder.
"""
from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import math
import os
import random
import sys
import time
from contextlib import nullcontext
from pathlib import Path
from typing import Any, Dict, List, Optional

import numpy as np
import torch
import torch.distributed as dist
from torch.utils.data import DataLoader, DistributedSampler, Sampler

from .build import build_model, read_checkpoint
from .data import concat_datasets, set_epoch
from .evaluate import evaluate_model
from .losses import LossWeights, smgeo_loss
from .progress import Progress

DEFAULTS: Dict[str, Any] = {
    "preset": "tiny",             # name from smgeo.presets, or a preset dict
    "data_roots": [],             # CVOGL-format roots, concatenated
    "train_split": "train",
    "val_split": None,            # e.g. "val"; enables best.pt
    "val_roots": None,            # defaults to data_roots
    "batch_size": 8,              # per process
    "eval_batch_size": None,      # defaults to batch_size
    "lr": 1e-4,
    "min_lr_ratio": 0.01,         # cosine ends at lr * min_lr_ratio
    "weight_decay": 0.05,
    "epochs": None,               # epochs and/or max_steps; training stops at whichever comes first
    "max_steps": None,
    "warmup_steps": 0,
    "loss_weights": {},           # heatmap, giou, l1, aux (see smgeo.losses.LossWeights)
    "box_neighbours": False,      # also supervise the box at the 3x3 cells around the centre
    "augment": True,
    "num_workers": 0,
    "seed": 0,
    "time_limit_minutes": None,   # stop cleanly (with last.pt) after this long
    "checkpoint_every": 500,
    "log_every": 10,
    "val_every": None,            # steps; default: at the end of every epoch
    "grad_clip": 1.0,
    "amp": True,                  # mixed precision, CUDA only
    "device": None,               # default: cuda if available
    "torch_threads": None,        # CPU threads; default: all cores (fewer helps on a shared machine)
    "init_from": None,            # fine-tune: start from this checkpoint's weights (new optimizer, schedule, step 0)
}


# ---------------------------------------------------------------- configuration

def load_config(path: "str | os.PathLike", data_override: Optional[List[str]] = None) -> Dict[str, Any]:
    path = Path(path)
    try:
        raw = json.loads(path.read_text())
    except FileNotFoundError:
        raise FileNotFoundError(f"config {path} does not exist; see training/configs/ for examples") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"config {path} is not valid JSON: {exc}") from None
    if not isinstance(raw, dict):
        raise ValueError(f"config {path} must hold a JSON object")
    # Keys starting with "_" are comments.
    settings = {k: v for k, v in raw.items() if not k.startswith("_")}
    unknown = set(settings) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"config {path} has unknown keys {sorted(unknown)}; known keys: {sorted(DEFAULTS)}")
    config = {**DEFAULTS, **settings}
    base = path.resolve().parent
    if data_override:
        config["data_roots"] = [str(Path(r).resolve()) for r in data_override]
    else:
        config["data_roots"] = [os.path.normpath(base / r) for r in config["data_roots"]]
    if config["val_roots"] is not None:
        config["val_roots"] = [os.path.normpath(base / r) for r in config["val_roots"]]
    if config["init_from"]:
        config["init_from"] = os.path.normpath(base / config["init_from"])
    LossWeights.from_mapping(config["loss_weights"])  # fail early on a typo
    if not config["epochs"] and not config["max_steps"]:
        raise ValueError(f"config {path}: set epochs or max_steps")
    return config


# ---------------------------------------------------------------- distributed helpers

@dataclasses.dataclass
class Runtime:
    rank: int
    world_size: int
    device: torch.device

    @property
    def is_main(self) -> bool:
        return self.rank == 0

    @property
    def distributed(self) -> bool:
        return self.world_size > 1


def init_runtime(device_name: Optional[str]) -> Runtime:
    """torchrun sets RANK/WORLD_SIZE/LOCAL_RANK; without them this is a single process."""
    world_size = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    use_cuda = torch.cuda.is_available() and (device_name or "cuda").startswith("cuda")
    if use_cuda and world_size > 1:
        device = torch.device("cuda", local_rank)
        torch.cuda.set_device(device)
    elif use_cuda:
        device = torch.device(device_name or "cuda")
    else:
        device = torch.device("cpu")
    if world_size > 1 and not dist.is_initialized():
        dist.init_process_group(backend="nccl" if use_cuda else "gloo")
    return Runtime(rank, world_size, device)


def any_rank(flag: bool, runtime: Runtime) -> bool:
    """True on every rank if it is True on any (so all ranks stop together)."""
    if not runtime.distributed:
        return flag
    tensor = torch.tensor([1.0 if flag else 0.0], device=runtime.device)
    dist.all_reduce(tensor, op=dist.ReduceOp.MAX)
    return bool(tensor.item() > 0)


def barrier(runtime: Runtime) -> None:
    if runtime.distributed:
        dist.barrier()


# ---------------------------------------------------------------- pieces of the loop

class SkipFirst(Sampler):
    """Resume mid-epoch: the same (seeded) order, minus the indices already trained on."""

    def __init__(self, sampler: DistributedSampler, skip: int):
        self.sampler, self.skip = sampler, skip

    def __iter__(self):
        return itertools.islice(iter(self.sampler), self.skip, None)

    def __len__(self) -> int:
        return max(0, len(self.sampler) - self.skip)


def make_grad_scaler(enabled: bool):
    # torch.amp.GradScaler("cuda") replaces the deprecated torch.cuda.amp.GradScaler in torch >= 2.3.
    if hasattr(torch, "amp") and hasattr(torch.amp, "GradScaler"):
        return torch.amp.GradScaler("cuda", enabled=enabled)
    return torch.cuda.amp.GradScaler(enabled=enabled)


def warmup_cosine(warmup_steps: int, total_steps: int, min_ratio: float):
    def factor(step: int) -> float:
        if warmup_steps > 0 and step < warmup_steps:
            return (step + 1) / warmup_steps
        progress = (step - warmup_steps) / max(1, total_steps - warmup_steps)
        return min_ratio + (1 - min_ratio) * 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))
    return factor


def make_optimizer(model: torch.nn.Module, lr: float, weight_decay: float) -> torch.optim.Optimizer:
    # Norms, biases and other 1-D parameters are not decayed (standard for transformers).
    decay, no_decay = [], []
    for _, param in model.named_parameters():
        if param.requires_grad:
            (no_decay if param.ndim <= 1 else decay).append(param)
    return torch.optim.AdamW([{"params": decay, "weight_decay": weight_decay},
                              {"params": no_decay, "weight_decay": 0.0}], lr=lr)


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def save_checkpoint(path: Path, state: Dict[str, Any]) -> None:
    """Write to a temporary file, then rename: a crash never leaves a half-written last.pt."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    torch.save(state, tmp)
    os.replace(tmp, path)


class JsonLog:
    def __init__(self, path: Optional[Path]):
        self.handle = open(path, "a", buffering=1) if path else None

    def write(self, record: Dict[str, Any]) -> None:
        if self.handle:
            self.handle.write(json.dumps(record) + "\n")

    def close(self) -> None:
        if self.handle:
            self.handle.close()


# ---------------------------------------------------------------- training

def train(config: Dict[str, Any], out_dir: "str | os.PathLike", resume: Optional["str | os.PathLike"] = None,
          show_progress: Optional[bool] = None) -> Dict[str, Any]:
    """Run training; returns {'step', 'epoch', 'last_loss', 'best_acc@0.5', 'stopped'}."""
    config = {**DEFAULTS, **config}
    runtime = init_runtime(config["device"])
    if runtime.device.type == "cpu":
        torch.set_num_threads(int(config["torch_threads"] or os.cpu_count() or 1))
    out_dir = Path(out_dir)
    if runtime.is_main:
        out_dir.mkdir(parents=True, exist_ok=True)
    seed_everything(int(config["seed"]) + runtime.rank)

    model = build_model(config["preset"]).to(runtime.device)
    preset = model.preset
    weights = LossWeights.from_mapping(config["loss_weights"])
    train_set = concat_datasets(config["data_roots"], config["train_split"], preset.query_size,
                                preset.reference_size, augment=bool(config["augment"]), seed=int(config["seed"]))
    val_set = None
    if config["val_split"] and runtime.is_main:
        val_set = concat_datasets(config["val_roots"] or config["data_roots"], config["val_split"],
                                  preset.query_size, preset.reference_size, augment=False)

    batch_size = int(config["batch_size"])
    sampler = DistributedSampler(train_set, num_replicas=runtime.world_size, rank=runtime.rank, shuffle=True,
                                 seed=int(config["seed"]), drop_last=runtime.distributed)
    steps_per_epoch = len(sampler) // batch_size if len(sampler) >= batch_size else 1
    drop_last = len(sampler) >= batch_size
    total_steps = int(config["max_steps"] or 0) or int(config["epochs"]) * steps_per_epoch
    if config["epochs"] and config["max_steps"]:
        total_steps = min(total_steps, int(config["epochs"]) * steps_per_epoch)

    optimizer = make_optimizer(model, float(config["lr"]), float(config["weight_decay"]))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, warmup_cosine(int(config["warmup_steps"]), total_steps, float(config["min_lr_ratio"])))
    use_amp = bool(config["amp"]) and runtime.device.type == "cuda"
    scaler = make_grad_scaler(use_amp)

    step, epoch, batch_in_epoch, best = 0, 0, 0, None
    if config["init_from"] and not resume:
        # Fine-tuning: the weights only; optimizer, schedule and step start afresh.
        model.load_state_dict(checkpoint_for(preset, config["init_from"], "cannot fine-tune from")["model"])
    if resume:
        state = checkpoint_for(preset, resume, "cannot resume from")
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        scheduler.load_state_dict(state["scheduler"])
        if state.get("scaler") and use_amp:
            scaler.load_state_dict(state["scaler"])
        step, epoch = int(state["step"]), int(state["epoch"])
        batch_in_epoch, best = int(state.get("batch_in_epoch", 0)), state.get("best_acc@0.5")

    net = model
    if runtime.distributed:
        # MoE experts that no token chose in a step get no gradient: DDP must be told.
        net = torch.nn.parallel.DistributedDataParallel(
            model, device_ids=[runtime.device.index] if runtime.device.type == "cuda" else None,
            find_unused_parameters=True)

    log = JsonLog(out_dir / "train.log.jsonl" if runtime.is_main else None)
    if show_progress is None:
        show_progress = sys.stderr.isatty()
    bar = Progress(total_steps, desc="train", enabled=runtime.is_main and show_progress, initial=step)
    log.write({"event": "start", "step": step, "total_steps": total_steps, "steps_per_epoch": steps_per_epoch,
               "world_size": runtime.world_size, "device": str(runtime.device), "amp": use_amp,
               "train_samples": len(train_set), "val_samples": len(val_set) if val_set is not None else 0,
               "parameters": sum(p.numel() for p in model.parameters()), "resumed_from": str(resume or ""),
               "config": config})

    def checkpoint_state() -> Dict[str, Any]:
        return {"model": model.state_dict(), "preset": dataclasses.asdict(preset), "step": step, "epoch": epoch,
                "batch_in_epoch": batch_in_epoch, "optimizer": optimizer.state_dict(),
                "scheduler": scheduler.state_dict(), "scaler": scaler.state_dict() if use_amp else None,
                "config": config, "best_acc@0.5": best}

    last_val_step = None

    def validate() -> None:
        nonlocal best, last_val_step
        last_val_step = step
        if val_set is not None and runtime.is_main:
            metrics = evaluate_model(model, val_set, runtime.device,
                                     int(config["eval_batch_size"] or batch_size), int(config["num_workers"]))
            improved = best is None or metrics["acc@0.5"] > best
            if improved:
                best = metrics["acc@0.5"]
                save_checkpoint(out_dir / "best.pt", checkpoint_state())
            log.write({"event": "val", "step": step, "epoch": epoch, **metrics, "best_acc@0.5": best})
        barrier(runtime)

    start_time = time.monotonic()
    time_limit = float(config["time_limit_minutes"]) * 60 if config["time_limit_minutes"] else None
    log_every, window = max(1, int(config["log_every"])), []
    last_loss, stopped = None, "finished"
    net.train()
    try:
        while step < total_steps and stopped == "finished":
            sampler.set_epoch(epoch)
            set_epoch(train_set, epoch)
            loader = DataLoader(train_set, batch_size=batch_size, sampler=SkipFirst(sampler, batch_in_epoch * batch_size),
                                num_workers=int(config["num_workers"]), drop_last=drop_last,
                                pin_memory=runtime.device.type == "cuda")
            tic = time.monotonic()
            for batch in loader:
                query = batch["query"].to(runtime.device, non_blocking=True)
                reference = batch["reference"].to(runtime.device, non_blocking=True)
                boxes = batch["box"].to(runtime.device, non_blocking=True)
                autocast = torch.autocast(device_type="cuda", dtype=torch.float16) if use_amp else nullcontext()
                with autocast:
                    outputs = net(query, reference)
                parts = smgeo_loss(outputs, boxes, preset.reference_size, weights, bool(config["box_neighbours"]))
                optimizer.zero_grad(set_to_none=True)
                scaler.scale(parts["total"]).backward()
                if config["grad_clip"]:
                    scaler.unscale_(optimizer)
                    torch.nn.utils.clip_grad_norm_(model.parameters(), float(config["grad_clip"]))
                scaler.step(optimizer)
                scaler.update()
                scheduler.step()
                step += 1
                batch_in_epoch += 1
                window.append({k: v.detach() for k, v in parts.items()})
                step_time = time.monotonic() - tic

                if step % log_every == 0 or step == total_steps:
                    means = {k: float(torch.stack([w[k] for w in window]).mean()) for k in window[0]}
                    window.clear()
                    if not math.isfinite(means["total"]):
                        raise FloatingPointError(
                            f"training loss became {means['total']} at step {step} (parts: {means}); lower lr "
                            f"in the config or check the data boxes. The last good checkpoint is {out_dir / 'last.pt'}")
                    last_loss = means["total"]
                    log.write({"event": "train", "step": step, "epoch": epoch,
                               "loss": means.pop("total"), **means, "lr": scheduler.get_last_lr()[0],
                               "step_time_s": step_time, "samples_per_s": batch_size * runtime.world_size / step_time})
                bar.update(1, loss=last_loss if last_loss is not None else float("nan"), epoch=epoch)

                if config["val_every"] and step % int(config["val_every"]) == 0:
                    validate()
                if runtime.is_main and step % int(config["checkpoint_every"]) == 0:
                    save_checkpoint(out_dir / "last.pt", checkpoint_state())
                out_of_time = time_limit is not None and time.monotonic() - start_time > time_limit
                if any_rank(out_of_time, runtime):
                    stopped = "time_limit"
                    break
                if step >= total_steps:
                    break
                tic = time.monotonic()  # step time includes data loading, not validation/saving
            if batch_in_epoch >= steps_per_epoch:
                epoch, batch_in_epoch = epoch + 1, 0
                if not config["val_every"]:
                    validate()
        if config["val_split"] and last_val_step != step:
            validate()
        if runtime.is_main:
            save_checkpoint(out_dir / "last.pt", checkpoint_state())
        log.write({"event": "end", "step": step, "epoch": epoch, "stopped": stopped, "last_loss": last_loss,
                   "best_acc@0.5": best, "elapsed_s": time.monotonic() - start_time})
    finally:
        bar.close()
        log.close()
    return {"step": step, "epoch": epoch, "last_loss": last_loss, "best_acc@0.5": best, "stopped": stopped,
            "model": model}


def checkpoint_for(preset, path: "str | os.PathLike", refusal: str) -> Dict[str, Any]:
    """A training checkpoint of the config's preset, or a ValueError starting with `refusal`."""
    state = read_checkpoint(path)
    saved = state["preset"].get("name")
    if saved != preset.name:
        raise ValueError(f"{refusal} {path}: it holds preset {saved!r}, the config asks for {preset.name!r}")
    return state


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(prog="python3 -m smgeo.train", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", required=True, help="JSON config (see training/configs/)")
    parser.add_argument("--resume", default=None, help="continue from this last.pt")
    parser.add_argument("--init-from", default=None,
                        help="fine-tune: start from this checkpoint or exported model folder (e.g. "
                             "../resources/models), replacing the config's init_from")
    parser.add_argument("--out", default=None, help="output folder (default: runs/<config name>)")
    parser.add_argument("--data", action="append", default=None,
                        help="data root replacing the config's data_roots (repeat for several)")
    args = parser.parse_args(argv)
    config = load_config(args.config, args.data)
    if args.init_from:
        config["init_from"] = os.path.abspath(args.init_from)
    out = Path(args.out) if args.out else Path("runs") / Path(args.config).stem
    result = train(config, out, resume=args.resume, show_progress=True)
    if int(os.environ.get("RANK", "0")) == 0:
        summary = {k: v for k, v in result.items() if k != "model"}
        print(json.dumps({"out": str(out), **summary}))
    if dist.is_available() and dist.is_initialized():
        dist.destroy_process_group()


if __name__ == "__main__":
    try:
        main()
    except (FileNotFoundError, ValueError, FloatingPointError) as error:
        # Problems with the user's files or settings: the message says what to do, no traceback.
        sys.exit(f"error: {error}")
