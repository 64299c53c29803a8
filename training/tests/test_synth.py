"""The procedural cross-view generator: scenes, orthophoto GeoTIFF, drone camera, SRT, CVOGL output."""
import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
import torch
from osgeo import gdal, osr
from PIL import Image

from smgeo.synth.camera import Camera, camera_looking_at, hfov_from_focal_35mm
from smgeo.synth.dataset import FOLDER, Config, write_dataset
from smgeo.synth.groundtruth import box_in_raster, visible_boxes
from smgeo.synth.lighting import Sun, light
from smgeo.synth.ortho import render_ortho, write_geotiff
from smgeo.synth.raymarch import render_view
from smgeo.synth.scene import Scene, SceneObject, generate_scene
from smgeo.synth.srt import format_srt, lonlat_to_utm, parse_srt, utm_to_lonlat


@pytest.fixture(scope="module")
def small_scene():
    return generate_scene(7, size_m=200.0, gsd=0.5)


def _digest(scene):
    h = hashlib.sha256()
    for a in (scene.height, scene.albedo, scene.wall, scene.material, scene.ids):
        h.update(a.tobytes())
    h.update(repr([(o.id, o.cls, o.polygon, o.height) for o in scene.objects]).encode())
    return h.hexdigest()


def test_same_seed_gives_the_same_town_and_another_seed_another(small_scene):
    assert _digest(generate_scene(7, size_m=200.0, gsd=0.5)) == _digest(small_scene)
    assert _digest(generate_scene(8, size_m=200.0, gsd=0.5)) != _digest(small_scene)
    assert 32629 <= small_scene.epsg <= 32636
    classes = {o.cls for o in small_scene.objects}
    assert "building" in classes and len(small_scene.objects) > 10


def test_orthophoto_geotiff_is_georeferenced_tiled_and_reproducible(small_scene, tmp_path):
    img = render_ortho(small_scene, Sun(150, 45), 1)
    a, b = tmp_path / "a.tif", tmp_path / "b.tif"
    write_geotiff(a, img, small_scene.epsg, small_scene.geotransform())
    write_geotiff(b, img, small_scene.epsg, small_scene.geotransform())
    assert a.read_bytes() == b.read_bytes()
    ds = gdal.Open(str(a))
    srs = osr.SpatialReference(wkt=ds.GetProjection())
    assert srs.GetAuthorityCode(None) == str(small_scene.epsg)
    gt = ds.GetGeoTransform()
    assert gt == pytest.approx((small_scene.west, 0.5, 0, small_scene.south + 200.0, 0, -0.5))
    band = ds.GetRasterBand(1)
    assert band.GetBlockSize() == [256, 256]
    assert band.GetOverviewCount() >= 1
    assert ds.GetMetadata("IMAGE_STRUCTURE")["COMPRESSION"] == "YCbCr JPEG"


def test_a_point_projects_where_the_camera_ray_goes():
    cam = Camera(10.0, -20.0, 150.0, 40.0, 35.0, 70.0, 640, 480)
    pt = np.array([[60.0, 30.0, 12.0]])
    uv, depth = cam.project(pt)
    ray = cam.ray(*uv[0])
    back = cam.position + ray * (np.linalg.norm(pt[0] - cam.position))
    assert depth[0] > 0 and np.allclose(back, pt[0], atol=1e-6)
    aimed = camera_looking_at(pt[0], 100.0, 380.0, 150.0, 40.0, 35.0, 70.0, 640, 480)
    assert np.allclose(aimed.project(pt)[0][0], [100.0, 380.0], atol=1e-6)
    nadir = Camera(0.0, 0.0, 100.0, 0.0, 0.0, 90.0, 200, 200)
    # 90 deg FOV at 100 m: the image's right edge sees 100 m east, its top edge 100 m north
    assert np.allclose(nadir.project([[100.0, 0.0, 0.0], [0.0, 100.0, 0.0]])[0], [[200, 100], [100, 0]])


def _tower_scene():
    n, g = 200, 0.5
    height = np.zeros((n, n), np.float32)
    ids = np.zeros((n, n), np.int32)
    height[90:110, 90:110] = 20.0
    ids[90:110, 90:110] = 1
    albedo = np.full((n, n, 3), 0.4, np.float32)
    wall = np.zeros((n, n, 3), np.float32)
    wall[ids == 1] = (0.9, 0.1, 0.1)
    poly = [(45.0, 45.0), (55.0, 45.0), (55.0, 55.0), (45.0, 55.0)]
    return Scene(32632, 500000.0, 5000000.0, g, 400.0, height, albedo, wall, np.zeros((n, n), np.uint8), ids,
                 [SceneObject(1, "building", poly, 20.0)])


def test_a_tall_building_shows_walls_obliquely_and_none_at_nadir():
    scene = _tower_scene()
    lit = light(scene.height, scene.gsd, scene.albedo, scene.wall, Sun(180, 45))
    nadir = render_view(scene, lit, Camera(50.0, 50.0, 150.0, 0.0, 0.0, 60.0, 120, 90))
    oblique = render_view(scene, lit, camera_looking_at((50.0, 50.0, 10.0), 60, 45, 120.0, 0.0, 50.0, 60.0, 120, 90))
    assert nadir.wall.sum() == 0 and (nadir.ids == 1).sum() > 50
    assert oblique.wall.sum() > 30 and (oblique.ids[oblique.wall] == 1).all()
    # the roof projects where the camera model says: its centre pixel sees the building
    (u, v), = camera_looking_at((50.0, 50.0, 10.0), 60, 45, 120.0, 0.0, 50.0, 60.0, 120, 90).project([[50.0, 50.0, 20.0]])[0]
    assert oblique.ids[int(v), int(u)] == 1


def test_srt_round_trip_and_utm_conversion():
    e, n = np.array([500000.0, 512345.6]), np.array([5200000.0, 5210000.0])
    lon, lat = utm_to_lonlat(32632, e, n)
    assert lon[0] == pytest.approx(9.0, abs=1e-9) and 46 < lat[0] < 47.5
    e2, n2 = lonlat_to_utm(32632, lon, lat)
    assert np.allclose(e2, e, atol=1e-3) and np.allclose(n2, n, atol=1e-3)
    recs = [{"latitude": float(lat[i]), "longitude": float(lon[i]), "rel_alt": 120.5 + i, "abs_alt": 600.25,
             "gb_yaw": -35.0 + 10 * i, "gb_pitch": -45.0} for i in range(2)]
    parsed = parse_srt(format_srt(recs))
    assert len(parsed) == 2
    for a, b in zip(recs, parsed):
        for k, v in a.items():
            assert b[k] == pytest.approx(v, abs=1e-6 if k in ("latitude", "longitude") else 1e-3)
    assert parsed[0]["focal_len"] == 24.0 and parsed[0]["gb_roll"] == 0.0


def test_srt_focal_length_reproduces_the_rendered_field_of_view():
    cam = Camera(0.0, 0.0, 100.0, 0.0, 40.0, 66.278, 960, 720)
    # A 24 mm-equivalent lens on a 4:3 frame sees 71.6 deg across; the sample's 66.3 deg is 26.5 mm.
    assert hfov_from_focal_35mm(24.0, 4000, 3000) == pytest.approx(71.59, abs=0.01)
    assert cam.focal_35mm == pytest.approx(26.51, abs=0.005)
    rec = {"latitude": 47.0, "longitude": 8.0, "rel_alt": 100.0, "abs_alt": 500.0, "gb_yaw": 0.0, "gb_pitch": -50.0,
           "focal_len": cam.focal_35mm}
    focal = parse_srt(format_srt([rec]))[0]["focal_len"]
    assert hfov_from_focal_35mm(focal, 960, 720) == pytest.approx(66.278, abs=0.01)


def test_sample_srt_focal_lengths_match_the_rendered_cameras():
    root = Path(__file__).resolve().parents[2] / "resources" / "sample"
    truth = json.loads((root / "ground_truth.json").read_text())
    blocks = parse_srt((root / "frames" / "flight.SRT").read_text())
    w, h = truth["frame_size"]
    assert len(blocks) == len(truth["frames"])
    for b, f in zip(blocks, truth["frames"]):
        assert hfov_from_focal_35mm(b["focal_len"], w, h) == pytest.approx(f["camera"]["hfov_deg"], abs=0.02)  # focal_len has 2 decimals
        assert b["gb_pitch"] == pytest.approx(f["camera"]["tilt_deg"] - 90, abs=0.05)
        assert b["rel_alt"] == pytest.approx(f["camera"]["altitude_m"], abs=1e-3)


def test_ortho_box_covers_every_pixel_of_its_object(small_scene):
    seen = visible_boxes(small_scene.ids)
    assert seen
    for oid, (x1, y1, x2, y2, _) in seen.items():
        bx1, by1, bx2, by2 = box_in_raster(small_scene, small_scene.object_by_id(oid), small_scene.gsd)
        assert bx1 <= x1 + 1e-6 and by1 <= y1 + 1e-6 and x2 <= bx2 + 1e-6 and y2 <= by2 + 1e-6, oid


def test_cvogl_output_is_readable_and_targets_are_not_always_centred(tmp_path):
    cfg = Config(str(tmp_path), "val", 3, 8, 64, 128, 1.0, 260.0)
    entries, meta = write_dataset(cfg, scenes=2, workers=1, log=lambda *a, **k: None)
    root = tmp_path / FOLDER
    loaded = torch.load(root / f"{FOLDER}_val.pth")
    assert len(loaded) == len(entries) >= 12
    assert json.loads((tmp_path / "meta.json").read_text())["splits"]["val"]["samples"] == len(loaded)
    centres = []
    for sid, qname, sname, _, click, box, _, cls in loaded:
        q = Image.open(root / "query" / qname)
        s = Image.open(root / "satellite" / sname)
        assert s.size == (128, 128) and q.size == (85, 64)
        assert 0 <= click[0] < q.size[0] and 0 <= click[1] < q.size[1]
        assert 0 <= box[0] < box[2] <= 128 and 0 <= box[1] < box[3] <= 128
        assert min(box[2] - box[0], box[3] - box[1]) >= 6 and isinstance(cls, str)
        centres.append(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2))
    c = np.array(centres)
    assert c.std(axis=0).min() > 10, "targets sit at the same place in every chip"
    assert np.abs(c - 64).max() > 25


def test_several_clicks_per_view_share_the_query_and_point_at_different_objects(tmp_path):
    cfg = Config(str(tmp_path), "train", 5, 4, 64, 128, 1.0, 260.0, clicks_per_view=3)
    entries, _ = write_dataset(cfg, scenes=1, workers=1, log=lambda *a, **k: None)
    by_query = {}
    for _, qname, sname, _, click, box, oid, _ in entries:
        by_query.setdefault(qname, []).append((sname, oid, tuple(click), tuple(box)))
    assert len(by_query) <= 4 and len(entries) > len(by_query), "no view was used for a second click"
    for picks in by_query.values():
        assert len(picks) <= 3
        assert len({oid for _, oid, _, _ in picks}) == len(picks), "one view clicked the same object twice"
        assert len({sname for sname, _, _, _ in picks}) == len(picks)
        assert len({click for _, _, click, _ in picks}) == len(picks)
    for sname in {e[2] for e in entries}:
        assert Image.open(tmp_path / FOLDER / "satellite" / sname).size == (128, 128)
