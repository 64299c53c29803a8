"""The bundled sample project: a mosaic GeoTIFF, a drone flight's frames, telemetry and truth.

    python3 -m smgeo.synth.sample --out ../resources/sample

Byte-for-byte reproducible: one fixed seed, per-frame seeds, ordered multiprocessing results,
no timestamps in the TIFF, fixed float formats and sorted JSON keys.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import sys
import time
from pathlib import Path

import numpy as np

from .camera import Camera
from .groundtruth import box_in_raster, visible_boxes
from .ortho import write_geotiff
from .photometric import camera_finish, jpeg_bytes
from .raymarch import render_view
from .srt import format_srt, grid_convergence_deg, utm_to_lonlat
from .survey import make_survey

SEED = 20251118
SIZE_M = 1536.0
GSD_M = 0.5
FRAMES = 80
FRAME_W, FRAME_H = 960, 720
JPEG_QUALITY = 72
MIN_VISIBLE_PX = 60

_survey = None  # set before the worker pool forks so workers share it copy-on-write


def flight_path(n: int, size_m: float, rng: np.random.Generator):
    """Cameras along an oval orbit that looks inwards-forwards, with gentle altitude changes."""
    cx, cy = size_m / 2, size_m / 2
    rx, ry = size_m * rng.uniform(0.25, 0.32), size_m * rng.uniform(0.2, 0.28)
    phase = rng.uniform(0, 2 * np.pi)
    cams = []
    for i in range(n):
        a = phase + 2 * np.pi * i / n
        x, y = cx + rx * np.cos(a), cy + ry * np.sin(a)
        tangent = np.degrees(np.arctan2(-rx * np.sin(a), ry * np.cos(a)))  # compass bearing of motion
        heading = (tangent - 35.0 + 10 * np.sin(3 * a)) % 360  # looking ahead and into the orbit
        altitude = 110 + 40 * np.sin(2 * a + 1.0)
        tilt = 40 + 12 * np.sin(a * 2.5)
        hfov = 74 + 8 * np.cos(a * 1.5)
        cams.append(Camera(round(float(x), 3), round(float(y), 3), round(float(altitude), 3), round(float(heading), 3),
                           round(float(tilt), 3), round(float(hfov), 3), FRAME_W, FRAME_H))
    return cams


def render_frame(job):
    index, cam, seed = job
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(index,)))
    view = render_view(_survey.scene, _survey.drone_lit, cam)
    img = camera_finish(view.rgb, rng, blur_max=0.9, noise_max=0.012)
    boxes = visible_boxes(view.ids, MIN_VISIBLE_PX)
    return index, jpeg_bytes(img, JPEG_QUALITY), boxes


def _lonlat_ring(scene, polygon):
    e, n = scene.crs_xy([p[0] for p in polygon], [p[1] for p in polygon])
    lon, lat = utm_to_lonlat(scene.epsg, e, n)
    ring = [[round(float(a), 7), round(float(b), 7)] for a, b in zip(lon, lat)]
    return ring + [ring[0]]


def write_sample(out: Path, seed: int = SEED, frames: int = FRAMES, size_m: float = SIZE_M, workers: int = 2, log=print):
    global _survey
    t0 = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    (out / "frames").mkdir(exist_ok=True)
    for old in (out / "frames").glob("frame_*.jpg"):
        old.unlink()
    _survey = survey = make_survey(np.random.SeedSequence(seed), size_m, GSD_M)
    scene = survey.scene
    write_geotiff(out / "mosaic.tif", survey.ortho, scene.epsg, scene.geotransform(), quality=75)
    log(f"mosaic {survey.ortho.shape[1]}x{survey.ortho.shape[0]} written in {time.perf_counter() - t0:.1f} s", flush=True)
    cams = flight_path(frames, size_m, np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(10**6,))))
    jobs = [(i, c, seed) for i, c in enumerate(cams)]
    results = [None] * frames
    with mp.get_context("fork").Pool(workers) as pool:
        for done, (i, data, boxes) in enumerate(pool.imap(render_frame, jobs), 1):
            (out / "frames" / f"frame_{i + 1:04d}.jpg").write_bytes(data)
            results[i] = boxes
            if done % 10 == 0 or done == frames:
                log(f"frame {done}/{frames} ({time.perf_counter() - t0:.1f} s)", flush=True)

    records = []
    for c in cams:
        e, n = scene.crs_xy(c.x, c.y)
        lon, lat = utm_to_lonlat(scene.epsg, [float(e)], [float(n)])
        yaw = (c.heading_deg - grid_convergence_deg(scene.epsg, float(e), float(n))) % 360  # true, not grid, north
        records.append({"latitude": lat[0], "longitude": lon[0], "rel_alt": c.altitude,
                        "abs_alt": c.altitude + scene.ground_elevation,
                        "gb_yaw": yaw if yaw <= 180 else yaw - 360, "gb_pitch": c.gimbal_pitch_deg,
                        "focal_len": c.focal_35mm})
    (out / "frames" / "flight.SRT").write_text(format_srt(records), newline="\n")
    (out / "ground_truth.json").write_text(json.dumps(_truth(scene, cams, results), sort_keys=True, separators=(",", ":")) + "\n")
    (out / "README.md").write_text(_readme(scene, frames, seed))
    log(f"sample project written to {out} in {time.perf_counter() - t0:.1f} s", flush=True)


def _truth(scene, cams, results):
    seen = sorted({oid for boxes in results for oid in boxes})
    objects = []
    for oid in seen:
        o = scene.object_by_id(oid)
        objects.append({
            "id": oid, "class": o.cls, "height_m": round(o.height, 2),
            "footprint_lonlat": _lonlat_ring(scene, o.polygon),
            "box_mosaic_px": [round(v, 2) for v in box_in_raster(scene, o, scene.gsd)],
        })
    frames = []
    for i, (c, boxes) in enumerate(zip(cams, results)):
        frames.append({
            "file": f"frame_{i + 1:04d}.jpg",
            "camera": {"x_m": c.x, "y_m": c.y, "altitude_m": c.altitude, "heading_deg": c.heading_deg,
                       "tilt_deg": c.tilt_deg, "hfov_deg": c.hfov_deg},
            "objects": [{"id": oid, "box": list(b[:4]), "visible_px": b[4]} for oid, b in sorted(boxes.items())],
        })
    return {
        "format": "smgeo-synth-truth/1",
        "crs": f"EPSG:{scene.epsg}",
        "mosaic": {"file": "mosaic.tif", "geotransform": [round(v, 3) for v in scene.geotransform()],
                   "width": scene.shape[1], "height": scene.shape[0]},
        "frame_size": [FRAME_W, FRAME_H],
        "notes": "boxes are [x1, y1, x2, y2] in pixels, x2/y2 exclusive; camera x_m/y_m are metres east/north "
                 "of the mosaic's south-west corner; heading is clockwise from grid north; tilt is off nadir",
        "objects": objects,
        "frames": frames,
    }


def _readme(scene, frames, seed):
    w, h = scene.shape[1], scene.shape[0]
    return f"""# Sample project (synthetic)

A small, self-contained project to try SMGeo Workstation without real data: click an object in a
drone frame and the app should find it on the mosaic.

- `mosaic.tif`: the orthophoto, {w}x{h} px at {scene.gsd} m/px, EPSG:{scene.epsg} (UTM), tiled
  256x256, JPEG (YCbCr) compressed, internal overviews.
- `frames/frame_0001.jpg` ... `frame_{frames:04d}.jpg`: {FRAME_W}x{FRAME_H} oblique drone frames of one orbit
  (altitude 70-150 m, 28-52 deg off nadir), on another date: different sun, season and camera.
- `frames/flight.SRT`: DJI-style telemetry, one block per frame (latitude, longitude, rel_alt,
  abs_alt, gb_yaw, gb_pitch, gb_roll, and focal_len: the 35 mm-equivalent focal length of the
  rendered field of view).
- `ground_truth.json`: every object seen in a frame, its footprint in lon/lat and its box on the
  mosaic, and per frame the box of each object with at least {MIN_VISIBLE_PX} visible pixels.

How it was made: everything is procedural (a generated town rendered by ray marching its height
field), produced by `npm run sample`, i.e. `cd training && /usr/bin/python3 -m smgeo.synth.sample
--out ../resources/sample` with seed {seed}; running it again gives byte-identical files. No real
imagery or place is depicted; the coordinates are merely plausible.

Licence: generated data, free to use for any purpose, no attribution required (CC0-1.0).
"""


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=SEED)
    p.add_argument("--frames", type=int, default=FRAMES)
    p.add_argument("--workers", type=int, default=2)
    a = p.parse_args(argv)
    write_sample(Path(a.out), a.seed, a.frames, SIZE_M, a.workers)


if __name__ == "__main__":
    sys.exit(main())
