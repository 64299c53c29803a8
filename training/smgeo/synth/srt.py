"""DJI-style .SRT telemetry (docs/CONTRACTS.md §3) and UTM <-> WGS84 with osr."""
from __future__ import annotations

import re

import numpy as np
from osgeo import osr

FIELD = re.compile(r"(latitude|longitude|rel_alt|abs_alt|gb_yaw|gb_pitch|gb_roll|focal_len)\s*:\s*(-?[\d.]+)")


def _transform(src_epsg, dst_epsg):
    a, b = osr.SpatialReference(), osr.SpatialReference()
    a.ImportFromEPSG(src_epsg)
    b.ImportFromEPSG(dst_epsg)
    for s in (a, b):  # x = easting/longitude, y = northing/latitude whatever the authority says
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return osr.CoordinateTransformation(a, b)


def utm_to_lonlat(epsg, easting, northing):
    pts = _transform(epsg, 4326).TransformPoints(np.column_stack([easting, northing]).astype(float).tolist())
    arr = np.asarray(pts)
    return arr[:, 0], arr[:, 1]


def lonlat_to_utm(epsg, lon, lat):
    arr = np.asarray(_transform(4326, epsg).TransformPoints(np.column_stack([lon, lat]).astype(float).tolist()))
    return arr[:, 0], arr[:, 1]


def grid_convergence_deg(epsg, easting, northing):
    """Angle from grid north to true north, clockwise, at a point (add to a true bearing to get a grid one)."""
    lon, lat = utm_to_lonlat(epsg, [easting], [northing])
    e2, n2 = lonlat_to_utm(epsg, lon, lat + 1e-3)
    return float(np.degrees(np.arctan2(e2[0] - easting, n2[0] - northing)))


def format_srt(records, frame_ms: int = 1000, date: str = "2025-06-14 10:00:00") -> str:
    """records: dicts with latitude, longitude, rel_alt, abs_alt, gb_yaw, gb_pitch and, optionally, gb_roll
    (default 0) and focal_len, the 35 mm-equivalent focal length of the frame (default 24 mm, DJI's
    usual lens; give Camera.focal_35mm so the telemetry reproduces the rendered field of view)."""
    blocks = []
    for i, r in enumerate(records):
        t0, t1 = i * frame_ms, (i + 1) * frame_ms
        stamp = lambda ms: f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"
        hh, mm, ss = (int(v) for v in date[11:].split(":"))
        sec = hh * 3600 + mm * 60 + ss + t0 // 1000
        clock = f"{date[:10]} {sec // 3600 % 24:02d}:{sec // 60 % 60:02d}:{sec % 60:02d}.{t0 % 1000:03d}"
        blocks.append(
            f"{i + 1}\n{stamp(t0)} --> {stamp(t1)}\n"
            f'<font size="28">FrameCnt: {i + 1}, DiffTime: {frame_ms}ms\n{clock}\n'
            f"[iso: 100] [shutter: 1/1000.0] [fnum: 2.8] [ev: 0] [focal_len: {r.get('focal_len', 24.0):.2f}] "
            f"[latitude: {r['latitude']:.6f}] [longitude: {r['longitude']:.6f}] "
            f"[rel_alt: {r['rel_alt']:.3f} abs_alt: {r['abs_alt']:.3f}] "
            f"[gb_yaw: {r['gb_yaw']:.1f} gb_pitch: {r['gb_pitch']:.1f} gb_roll: {r.get('gb_roll', 0.0):.1f}] </font>\n"
        )
    return "\n".join(blocks)


def parse_srt(text: str):
    """The telemetry of each block, in block order, as dicts of floats."""
    out = []
    for block in re.split(r"\n\s*\n", text.strip()):
        values = {k: float(v) for k, v in FIELD.findall(block)}
        if "latitude" in values:
            out.append(values)
    return out
