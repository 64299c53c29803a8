"""Procedural cross-view scenes: a town's orthophoto GeoTIFF and ray-marched drone views of it.

Modules: scene (the town as rasters + object table), lighting, ortho (nadir render, GeoTIFF),
camera (pinhole drone camera), raymarch (perspective render with parallax and occlusion),
photometric (the drone date's look), groundtruth, srt (DJI telemetry), survey (one place on two
dates), dataset (CVOGL-format training pairs, CLI), sample (the bundled sample project, CLI).
"""
