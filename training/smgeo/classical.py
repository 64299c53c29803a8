"""The classical control for the accuracy tables: SIFT features, Lowe's ratio test and a RANSAC
homography from the drone frame to the reference chip, through which the click is carried.

It answers a point, not a box (a homography says where the clicked pixel lands, not how far the
object extends), so it is scored on hit rate and ground error only. A view too oblique, too
different in date or too poor in texture gives no homography: that click counts as a miss.

    python -m smgeo.classical --batch in.json --out out.json

in.json: {"mosaic": PATH, "items": [{"frame": PATH, "click": [x, y], "window": [x0, y0, x1, y1],
"size": N}, ...]} with the window in mosaic pixels, read at N×N like the app's chip. out.json:
[{"point": [col, row] in mosaic pixels, or null, "inliers": n}, ...] in the same order.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

import numpy as np

# Frames are matched at this long side: enough detail for SIFT, a bounded cost per click.
FRAME_LONG_SIDE = 960
RATIO = 0.75
MIN_INLIERS = 8


def _cv2():
    try:
        import cv2
    except ImportError as exc:  # pragma: no cover - the pretest step installs it
        raise SystemExit("error: OpenCV is missing; install training/requirements.txt into training/.venv "
                         "(npm test's pretest step does it)") from exc
    return cv2


def match_point(frame_gray: np.ndarray, click_xy: Sequence[float], chip_gray: np.ndarray) -> Tuple[Optional[Tuple[float, float]], int]:
    """Where the frame pixel `click_xy` lands on the chip, and how many matches agreed."""
    cv2 = _cv2()
    sift = cv2.SIFT_create()
    kq, dq = sift.detectAndCompute(frame_gray, None)
    kr, dr = sift.detectAndCompute(chip_gray, None)
    if dq is None or dr is None or len(kq) < MIN_INLIERS or len(kr) < MIN_INLIERS:
        return None, 0
    pairs = cv2.BFMatcher(cv2.NORM_L2).knnMatch(dq, dr, k=2)
    good = [m for m, *rest in pairs if rest and m.distance < RATIO * rest[0].distance]
    if len(good) < MIN_INLIERS:
        return None, len(good)
    src = np.float32([kq[m.queryIdx].pt for m in good]).reshape(-1, 1, 2)
    dst = np.float32([kr[m.trainIdx].pt for m in good]).reshape(-1, 1, 2)
    homography, mask = cv2.findHomography(src, dst, cv2.RANSAC, 5.0)
    inliers = int(mask.sum()) if mask is not None else 0
    if homography is None or inliers < MIN_INLIERS:
        return None, inliers
    point = cv2.perspectiveTransform(np.float32([[click_xy]]), homography)[0, 0]
    h, w = chip_gray.shape[:2]
    if not (np.isfinite(point).all() and 0 <= point[0] <= w and 0 <= point[1] <= h):
        return None, inliers
    return (float(point[0]), float(point[1])), inliers


def _read_frame(path: str) -> Tuple[np.ndarray, float]:
    cv2 = _cv2()
    image = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
    if image is None:
        raise ValueError(f"frame {path} could not be read as an image")
    scale = min(1.0, FRAME_LONG_SIDE / max(image.shape[:2]))
    if scale < 1.0:
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return image, scale


def _read_window(dataset, window: Sequence[float], size: int) -> np.ndarray:
    """The mosaic window (mosaic pixels, may reach outside) as a size×size grey image."""
    from osgeo import gdal

    x0, y0, x1, y1 = window
    # A VRT-free way to read past the edges: clip to the raster, then paste into a black chip.
    cols, rows = dataset.RasterXSize, dataset.RasterYSize
    cx0, cy0, cx1, cy1 = max(0.0, x0), max(0.0, y0), min(float(cols), x1), min(float(rows), y1)
    chip = np.zeros((size, size), np.uint8)
    if cx1 <= cx0 or cy1 <= cy0:
        return chip
    sx, sy = size / (x1 - x0), size / (y1 - y0)
    ox0, oy0 = int(round((cx0 - x0) * sx)), int(round((cy0 - y0) * sy))
    ow, oh = max(1, int(round((cx1 - cx0) * sx))), max(1, int(round((cy1 - cy0) * sy)))
    ow, oh = min(ow, size - ox0), min(oh, size - oy0)
    bands = [dataset.GetRasterBand(b + 1).ReadAsArray(cx0, cy0, cx1 - cx0, cy1 - cy0, buf_xsize=ow, buf_ysize=oh,
                                                      resample_alg=gdal.GRIORA_Bilinear)
             for b in range(min(3, dataset.RasterCount))]
    rgb = np.stack(bands + [bands[-1]] * (3 - len(bands)), axis=-1).astype(np.float32)
    chip[oy0:oy0 + oh, ox0:ox0 + ow] = (rgb @ np.float32([0.299, 0.587, 0.114])).clip(0, 255).astype(np.uint8)
    return chip


def run_batch(spec: dict) -> List[dict]:
    from osgeo import gdal

    try:  # GDAL returns None, or raises where another module turned its exceptions on
        dataset = gdal.Open(spec["mosaic"])
    except RuntimeError as exc:
        raise ValueError(f"mosaic {spec['mosaic']} could not be opened by GDAL ({exc})") from exc
    if dataset is None:
        raise ValueError(f"mosaic {spec['mosaic']} could not be opened by GDAL")
    out = []
    for item in spec["items"]:
        frame, scale = _read_frame(item["frame"])
        size = int(item["size"])
        chip = _read_window(dataset, item["window"], size)
        click = [item["click"][0] * scale, item["click"][1] * scale]
        point, inliers = match_point(frame, click, chip)
        if point is None:
            out.append({"point": None, "inliers": inliers})
            continue
        x0, y0, x1, y1 = item["window"]
        out.append({"point": [x0 + point[0] * (x1 - x0) / size, y0 + point[1] * (y1 - y0) / size], "inliers": inliers})
    return out


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m smgeo.classical", description=__doc__.split("\n\n")[0])
    parser.add_argument("--batch", required=True, help="JSON file: the mosaic and the clicks (see the module doc)")
    parser.add_argument("--out", required=True, help="JSON file to write the points to")
    args = parser.parse_args(argv)
    try:
        spec = json.loads(Path(args.batch).read_text())
        result = run_batch(spec)
    except (OSError, ValueError, KeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    Path(args.out).write_text(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
