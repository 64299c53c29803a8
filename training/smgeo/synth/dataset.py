"""Write a synthetic CVOGL-format dataset (docs/CONTRACTS.md §2) of drone/orthophoto pairs.

    python3 -m smgeo.synth.dataset --out DIR --scenes N --samples-per-scene K --seed S \
        --split train|val|test --query-size 128 --reference-size 256 --reference-gsd-m 1.0 \
        [--clicks-per-view C]

With C > 1 each rendered view is used for up to C samples, one per distinct visible object, each
with its own click and reference chip. Rendering dominates the cost, so this multiplies samples
per second; and a query that recurs with different clicks and targets teaches the model that the
click, not the picture alone, picks the answer.

Scene i of a split is made from SeedSequence(entropy=seed, spawn_key=(SPLIT_CODE[split], i)):
the split code keeps the scenes (towns, places, dates) of val and test disjoint from train's,
whatever the scene counts, as long as they share --seed.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from .camera import camera_looking_at
from .groundtruth import box_in_raster, click_on_object, visible_boxes
from .ortho import downsample
from .photometric import camera_finish, jpeg_bytes
from .raymarch import render_view
from .scene import LOCALIZABLE
from .survey import make_survey

FOLDER = "CVOGL_DroneAerial"
SPLIT_CODE = {"train": 0, "val": 1, "test": 2}
SCENE_GSD_M = 0.5
SUPERSAMPLE = 2
QUERY_ASPECT = 4 / 3
MIN_REF_PX = 6  # smallest side of a target on the reference chip
MIN_QUERY_PX = 12  # visible pixels of the target in the saved query


@dataclass(frozen=True)
class Config:
    out: str
    split: str
    seed: int
    samples_per_scene: int
    query_size: int
    reference_size: int
    reference_gsd_m: float
    scene_size_m: float
    clicks_per_view: int = 1


def scene_seed(seed: int, split: str, index: int) -> np.random.SeedSequence:
    return np.random.SeedSequence(entropy=seed, spawn_key=(SPLIT_CODE[split], index))


def _targets(survey, cfg: Config):
    """Objects a user would click and that fit, visible, on a reference chip."""
    out = []
    for obj in survey.scene.objects:
        if obj.cls not in LOCALIZABLE:
            continue
        x1, y1, x2, y2 = box_in_raster(survey.scene, obj, cfg.reference_gsd_m)
        w, h = x2 - x1, y2 - y1
        if min(w, h) >= MIN_REF_PX and max(w, h) <= 0.7 * cfg.reference_size:
            out.append(obj)
    return out


def _chip_origin(box, size, limit, rng):
    """A random chip corner that keeps `box` inside with a small margin (never always centred)."""
    x1, y1, x2, y2 = box
    m = 2
    lo_x, hi_x = max(0, int(np.ceil(x2 + m - size))), min(limit[0] - size, int(np.floor(x1 - m)))
    lo_y, hi_y = max(0, int(np.ceil(y2 + m - size))), min(limit[1] - size, int(np.floor(y1 - m)))
    if lo_x > hi_x or lo_y > hi_y:
        return None
    return int(rng.integers(lo_x, hi_x + 1)), int(rng.integers(lo_y, hi_y + 1))


def build_scene(task):
    """Render one scene's samples; write its images; return the .pth tuples (without ids)."""
    cfg, index = task
    t0 = time.perf_counter()
    survey = make_survey(scene_seed(cfg.seed, cfg.split, index), cfg.scene_size_m, SCENE_GSD_M)
    scene = survey.scene
    rng = np.random.default_rng(scene_seed(cfg.seed, cfg.split, index).spawn(3)[2])
    factor = int(round(cfg.reference_gsd_m / scene.gsd))
    reference = downsample(survey.ortho, factor) if factor >= 1 else survey.ortho
    ref_limit = (reference.shape[1], reference.shape[0])
    targets = _targets(survey, cfg)
    qh = cfg.query_size
    qw = int(round(qh * QUERY_ASPECT))
    root = Path(cfg.out) / FOLDER
    rows = []
    for k in range(cfg.samples_per_scene):
        for _attempt in range(8):
            obj = targets[int(rng.integers(len(targets)))]
            cx, cy = np.mean(obj.polygon, axis=0)
            u, v = rng.uniform(0.2, 0.8) * qw, rng.uniform(0.25, 0.85) * qh
            cam = camera_looking_at(
                (cx, cy, obj.height), u, v, rng.uniform(60, 300), rng.uniform(0, 360),
                rng.uniform(20, 60), rng.uniform(60, 85), qw, qh)
            view = render_view(scene, survey.drone_lit, cam, scale=SUPERSAMPLE)
            ids = view.ids[SUPERSAMPLE // 2 :: SUPERSAMPLE, SUPERSAMPLE // 2 :: SUPERSAMPLE]
            seen = visible_boxes(ids, MIN_QUERY_PX)
            if obj.id not in seen:  # occluded or off-frame: fall back to a visible target
                others = [o for o in targets if o.id in seen]
                if not others:
                    continue
                obj = others[int(rng.integers(len(others)))]
            box = box_in_raster(scene, obj, cfg.reference_gsd_m)
            origin = _chip_origin(box, cfg.reference_size, ref_limit, rng)
            if origin is None:
                continue
            break
        else:
            continue
        rgb = downsample(np.clip(view.rgb * 255, 0, 255).astype(np.uint8), SUPERSAMPLE).astype(np.float32) / 255
        query = camera_finish(rgb, rng, blur_max=0.8)
        click = click_on_object(ids, obj.id, rng)
        name = f"{cfg.split}_{index:05d}_{k:03d}.jpg"
        (root / "query" / name).write_bytes(jpeg_bytes(query, rng.integers(55, 92)))
        picks = [(obj, box, origin, click)] + _more_picks(obj, targets, seen, ids, scene, ref_limit, cfg, rng)
        for j, (target, tbox, (ox, oy), tclick) in enumerate(picks):
            chip = reference[oy : oy + cfg.reference_size, ox : ox + cfg.reference_size]
            sat_name = name if j == 0 else f"{cfg.split}_{index:05d}_{k:03d}_c{j}.jpg"
            (root / "satellite" / sat_name).write_bytes(jpeg_bytes(chip, 92))
            bbox = [round(tbox[0] - ox, 2), round(tbox[1] - oy, 2), round(tbox[2] - ox, 2), round(tbox[3] - oy, 2)]
            rows.append((name, sat_name, index, [round(tclick[0], 2), round(tclick[1], 2)], bbox, target.id,
                         target.cls))
    return index, rows, time.perf_counter() - t0


def _more_picks(first, targets, seen, ids, scene, ref_limit, cfg: Config, rng):
    """Up to clicks_per_view - 1 further visible targets of the same view: (object, box, chip
    origin, click) each. Draws nothing from `rng` when clicks_per_view is 1, so single-click
    datasets stay byte-identical."""
    if cfg.clicks_per_view <= 1:
        return []
    scene_objects = [o for o in targets if o.id in seen and o.id != first.id]
    picks = []
    for i in rng.permutation(len(scene_objects)):
        if len(picks) >= cfg.clicks_per_view - 1:
            break
        target = scene_objects[i]
        box = box_in_raster(scene, target, cfg.reference_gsd_m)
        origin = _chip_origin(box, cfg.reference_size, ref_limit, rng)
        if origin is not None:
            picks.append((target, box, origin, click_on_object(ids, target.id, rng)))
    return picks


def write_dataset(cfg: Config, scenes: int, workers: int = 2, log=print):
    root = Path(cfg.out) / FOLDER
    (root / "query").mkdir(parents=True, exist_ok=True)
    (root / "satellite").mkdir(parents=True, exist_ok=True)
    tasks = [(cfg, i) for i in range(scenes)]
    t0 = time.perf_counter()
    results = []
    if workers > 1:
        with mp.get_context("fork").Pool(workers) as pool:
            for r in pool.imap(build_scene, tasks):
                results.append(r)
                _progress(log, results, scenes, t0)
    else:
        for t in tasks:
            results.append(build_scene(t))
            _progress(log, results, scenes, t0)
    elapsed = time.perf_counter() - t0
    entries = []
    for _index, rows, _ in sorted(results, key=lambda r: r[0]):
        for qname, sname, scene_index, click, bbox, oid, cls in rows:
            entries.append((len(entries), qname, sname, scene_index, click, bbox, oid, cls))
    torch.save(entries, root / f"{FOLDER}_{cfg.split}.pth")
    # the app's `npm run evaluate` reads this twin: Node cannot unpickle .pth (docs/CONTRACTS.md §2)
    (root / f"{FOLDER}_{cfg.split}.json").write_text(json.dumps([list(e) for e in entries]))
    meta = {
        "generator": "smgeo.synth",
        "split": cfg.split,
        "seed": cfg.seed,
        "scene_seed": f"numpy SeedSequence(entropy=seed, spawn_key=(split_code, scene_index)), split_code={SPLIT_CODE}",
        "scenes": scenes,
        "samples": len(entries),
        "scene_size_m": cfg.scene_size_m,
        "scene_gsd_m": SCENE_GSD_M,
        "reference_gsd_m": cfg.reference_gsd_m,
        "reference_size": cfg.reference_size,
        "query_size": [int(round(cfg.query_size * QUERY_ASPECT)), cfg.query_size],
        "query_render_supersample": SUPERSAMPLE,
        "classes": sorted({e[7] for e in entries}),
        "tuple": "(id, query_name, satellite_name, scene_index, click_xy, bbox_xyxy, object_id, class_name)",
        "seconds": round(elapsed, 1),
        "samples_per_second": round(len(entries) / max(elapsed, 1e-9), 2),
    }
    # one meta.json per dataset root; each split adds its own entry
    meta_path = Path(cfg.out) / "meta.json"
    doc = json.loads(meta_path.read_text()) if meta_path.exists() else {"generator": "smgeo.synth", "splits": {}}
    doc["splits"][cfg.split] = meta
    meta_path.write_text(json.dumps(doc, indent=2, sort_keys=True) + "\n")
    return entries, meta


def _progress(log, results, total, t0):
    n = sum(len(r[1]) for r in results)
    dt = time.perf_counter() - t0
    log(f"scene {len(results)}/{total}: {n} samples in {dt:.1f} s ({n / max(dt, 1e-9):.2f} samples/s)", flush=True)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True)
    p.add_argument("--scenes", type=int, default=20)
    p.add_argument("--samples-per-scene", type=int, default=20)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--split", choices=sorted(SPLIT_CODE), default="train")
    p.add_argument("--query-size", type=int, default=128)
    p.add_argument("--reference-size", type=int, default=256)
    p.add_argument("--reference-gsd-m", type=float, default=1.0)
    p.add_argument("--scene-size-m", type=float, default=640.0)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--clicks-per-view", type=int, default=1,
                   help="samples per rendered view, each on another visible object (default 1)")
    a = p.parse_args(argv)
    if a.scene_size_m < a.reference_size * a.reference_gsd_m:
        p.error("--scene-size-m must be at least one reference chip wide")
    if a.clicks_per_view < 1:
        p.error("--clicks-per-view must be at least 1")
    cfg = Config(a.out, a.split, a.seed, a.samples_per_scene, a.query_size, a.reference_size, a.reference_gsd_m,
                 a.scene_size_m, a.clicks_per_view)
    _, meta = write_dataset(cfg, a.scenes, a.workers)
    print(f"wrote {meta['samples']} {a.split} samples to {a.out} ({meta['samples_per_second']} samples/s)")


if __name__ == "__main__":
    sys.exit(main())
