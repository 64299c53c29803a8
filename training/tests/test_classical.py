"""The classical control: a click carried through a SIFT + RANSAC homography lands where the known
warp puts it, a texture-less chip gives no answer, and the batch CLI reads mosaic windows."""
from __future__ import annotations

import json

import numpy as np
import pytest

cv2 = pytest.importorskip("cv2", reason="OpenCV is installed into training/.venv by npm test's pretest step")

from smgeo.classical import main as classical_main  # noqa: E402
from smgeo.classical import match_point  # noqa: E402


def textured(size: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    image = np.full((size, size), 90, np.uint8)
    for _ in range(160):  # rectangles and discs of random grey: corners and blobs for SIFT
        x, y = rng.integers(0, size - 20, 2)
        w, h = rng.integers(6, 30, 2)
        value = int(rng.integers(0, 255))
        if rng.random() < 0.5:
            cv2.rectangle(image, (int(x), int(y)), (int(x + w), int(y + h)), value, -1)
        else:
            cv2.circle(image, (int(x), int(y)), int(w // 2), value, -1)
    return image


def oblique(chip: np.ndarray):
    """A drone-like view of the chip: rotated, foreshortened, larger; and the warp chip → view."""
    s = chip.shape[0]
    src = np.float32([[0, 0], [s, 0], [s, s], [0, s]])
    dst = np.float32([[120, 60], [560, 40], [620, 420], [60, 460]])
    warp = cv2.getPerspectiveTransform(src, dst)
    return cv2.warpPerspective(chip, warp, (680, 500)), warp


def test_a_click_lands_where_the_known_warp_puts_it():
    chip = textured(256)
    view, warp = oblique(chip)
    target = np.float32([[[100.0, 150.0]]])  # a chip point, seen in the view at:
    click = cv2.perspectiveTransform(target, warp)[0, 0]
    point, inliers = match_point(view, click, chip)
    assert point is not None and inliers >= 8
    assert np.hypot(point[0] - 100.0, point[1] - 150.0) < 2.0


def test_a_chip_without_texture_gives_no_answer():
    view, _ = oblique(textured(256))
    point, _ = match_point(view, (300.0, 250.0), np.full((256, 256), 128, np.uint8))
    assert point is None


def test_the_batch_cli_reads_mosaic_windows_and_answers_in_mosaic_pixels(tmp_path):
    from osgeo import gdal

    mosaic = textured(512, seed=1)
    path = tmp_path / "mosaic.tif"
    ds = gdal.GetDriverByName("GTiff").Create(str(path), 512, 512, 3, gdal.GDT_Byte)
    for b in range(3):
        ds.GetRasterBand(b + 1).WriteArray(mosaic)
    ds = None
    window = [100, 200, 356, 456]  # a 256² window read at 256²: chip px = mosaic px − (100, 200)
    view, warp = oblique(mosaic[200:456, 100:356])
    click = cv2.perspectiveTransform(np.float32([[[60.0, 80.0]]]), warp)[0, 0]
    frame = tmp_path / "frame.png"
    cv2.imwrite(str(frame), view)
    spec = {"mosaic": str(path), "items": [{"frame": str(frame), "click": [float(click[0]), float(click[1])], "window": window, "size": 256},
                                            {"frame": str(frame), "click": [10.0, 10.0], "window": [2000, 2000, 2256, 2256], "size": 256}]}
    (tmp_path / "in.json").write_text(json.dumps(spec))
    assert classical_main(["--batch", str(tmp_path / "in.json"), "--out", str(tmp_path / "out.json")]) == 0
    first, off_mosaic = json.loads((tmp_path / "out.json").read_text())
    assert np.hypot(first["point"][0] - 160.0, first["point"][1] - 280.0) < 2.0
    assert off_mosaic["point"] is None


@pytest.mark.parametrize("exceptions", [False, True])
def test_a_missing_mosaic_is_a_clear_error(tmp_path, capsys, exceptions):
    from osgeo import gdal

    was = gdal.GetUseExceptions()
    (gdal.UseExceptions if exceptions else gdal.DontUseExceptions)()
    try:
        _missing_mosaic_fails(tmp_path, capsys)
    finally:
        (gdal.UseExceptions if was else gdal.DontUseExceptions)()


def _missing_mosaic_fails(tmp_path, capsys):
    (tmp_path / "in.json").write_text(json.dumps({"mosaic": str(tmp_path / "nope.tif"), "items": []}))
    assert classical_main(["--batch", str(tmp_path / "in.json"), "--out", str(tmp_path / "o.json")]) == 2
    assert "could not be opened" in capsys.readouterr().err
