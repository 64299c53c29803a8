"""A pinhole drone camera in local scene metres (X east, Y north, Z up).

heading: clockwise from grid north, the direction the camera looks towards;
tilt: angle of the optical axis off nadir (0 = straight down); gimbal pitch = tilt - 90.
Pixel (i, j) covers [i, i+1) x [j, j+1); its centre is (i + 0.5, j + 0.5).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Camera:
    x: float
    y: float
    altitude: float  # metres above the ground plane
    heading_deg: float
    tilt_deg: float
    hfov_deg: float
    width: int
    height: int

    @property
    def position(self):
        return np.array([self.x, self.y, self.altitude], np.float64)

    @property
    def focal_px(self):
        return (self.width / 2) / np.tan(np.radians(self.hfov_deg) / 2)

    @property
    def focal_35mm(self):
        """The 35 mm-equivalent focal length (diagonal convention, docs/CONTRACTS.md §3a) of this view."""
        return focal_35mm_from_hfov(self.hfov_deg, self.width, self.height)

    @property
    def axes(self):
        """(forward, right, up) unit vectors of the image."""
        h, t = np.radians(self.heading_deg), np.radians(self.tilt_deg)
        fwd = np.array([np.sin(h) * np.sin(t), np.cos(h) * np.sin(t), -np.cos(t)])
        right = np.array([np.cos(h), -np.sin(h), 0.0])
        up = np.cross(right, fwd)
        return fwd, right, up

    @property
    def gimbal_pitch_deg(self):
        return self.tilt_deg - 90.0

    def project(self, points):
        """[N, 3] world points -> [N, 2] pixel coordinates and [N] depth along the axis."""
        fwd, right, up = self.axes
        v = np.asarray(points, np.float64) - self.position
        z = v @ fwd
        f = self.focal_px
        u = self.width / 2 + f * (v @ right) / z
        w = self.height / 2 - f * (v @ up) / z
        return np.stack([u, w], axis=-1), z

    def rays(self, scale: float = 1.0):
        """Unit ray directions [H*s, W*s, 3] through the pixel centres of a (scaled) image."""
        fwd, right, up = self.axes
        W, H = int(round(self.width * scale)), int(round(self.height * scale))
        f = self.focal_px * scale
        u = (np.arange(W) + 0.5 - W / 2).astype(np.float32)
        v = (np.arange(H) + 0.5 - H / 2).astype(np.float32)
        d = (fwd * f)[None, None, :] + u[None, :, None] * right[None, None, :] - v[:, None, None] * up[None, None, :]
        d = d.astype(np.float32)
        return d / np.linalg.norm(d, axis=-1, keepdims=True)

    def ray(self, u, v):
        fwd, right, up = self.axes
        d = fwd * self.focal_px + (u - self.width / 2) * right - (v - self.height / 2) * up
        return d / np.linalg.norm(d)


FULL_FRAME_DIAGONAL_MM = float(np.hypot(36.0, 24.0))


def focal_35mm_from_hfov(hfov_deg, width, height):
    """What DJI's SRT `focal_len` and EXIF FocalLengthIn35mmFormat state: f_px scaled so the frame's
    diagonal spans the 43.27 mm diagonal of a 36 x 24 mm frame."""
    focal_px = (width / 2) / np.tan(np.radians(hfov_deg) / 2)
    return float(focal_px * FULL_FRAME_DIAGONAL_MM / np.hypot(width, height))


def hfov_from_focal_35mm(focal_35mm, width, height):
    focal_px = focal_35mm * np.hypot(width, height) / FULL_FRAME_DIAGONAL_MM
    return float(np.degrees(2 * np.arctan(width / 2 / focal_px)))


def camera_looking_at(target, u, v, altitude, heading_deg, tilt_deg, hfov_deg, width, height):
    """The camera at `altitude` whose pixel (u, v) sees the world point `target`."""
    probe = Camera(0.0, 0.0, altitude, heading_deg, tilt_deg, hfov_deg, width, height)
    d = probe.ray(u, v)
    t = (altitude - target[2]) / -d[2]
    return Camera(float(target[0] - d[0] * t), float(target[1] - d[1] * t), altitude, heading_deg, tilt_deg, hfov_deg, width, height)
