"""The nadir orthophoto of a scene and its georeferenced, tiled, overviewed GeoTIFF."""
from __future__ import annotations

import numpy as np
from osgeo import gdal, osr

from .lighting import Sun, light
from .scene import Scene

gdal.UseExceptions()


def render_ortho(scene: Scene, sun: Sun, seed) -> np.ndarray:
    """uint8 [H, W, 3] true-orthophoto (no walls visible) at the scene's GSD."""
    rng = np.random.default_rng(seed)
    lit = light(scene.height, scene.gsd, scene.albedo, scene.wall, sun)
    grain = 1 + 0.035 * rng.standard_normal(scene.shape).astype(np.float32)
    rgb = lit.top * grain[..., None]
    return np.clip(rgb * 255 + 0.5, 0, 255).astype(np.uint8)


def downsample(img: np.ndarray, factor: int) -> np.ndarray:
    """Area-average by an integer factor (crops the ragged edge)."""
    if factor == 1:
        return img
    h, w = (img.shape[0] // factor) * factor, (img.shape[1] // factor) * factor
    a = img[:h, :w].astype(np.float32).reshape(h // factor, factor, w // factor, factor, -1).mean(axis=(1, 3))
    return np.clip(a + 0.5, 0, 255).astype(np.uint8).reshape(h // factor, w // factor, *img.shape[2:])


def srs_wkt(epsg: int) -> str:
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    return srs.ExportToWkt()


def write_geotiff(path, rgb: np.ndarray, epsg: int, geotransform, quality: int = 80, tile: int = 256):
    """Tiled JPEG-YCbCr GeoTIFF with internal overviews (2, 4, 8, ... until under a tile)."""
    h, w, _ = rgb.shape
    mem = gdal.GetDriverByName("MEM").Create("", w, h, 3, gdal.GDT_Byte)
    mem.SetGeoTransform(tuple(float(v) for v in geotransform))
    mem.SetProjection(srs_wkt(epsg))
    for b in range(3):
        mem.GetRasterBand(b + 1).WriteArray(rgb[..., b])
        mem.GetRasterBand(b + 1).SetColorInterpretation((gdal.GCI_RedBand, gdal.GCI_GreenBand, gdal.GCI_BlueBand)[b])
    levels, f = [], 2
    while max(h, w) / f >= tile / 2:
        levels.append(f)
        f *= 2
    if levels:
        mem.BuildOverviews("AVERAGE", levels)
    opts = [
        "TILED=YES", f"BLOCKXSIZE={tile}", f"BLOCKYSIZE={tile}", "COMPRESS=JPEG", "PHOTOMETRIC=YCBCR",
        f"JPEG_QUALITY={quality}", "COPY_SRC_OVERVIEWS=YES", "INTERLEAVE=PIXEL",
    ]
    out = gdal.GetDriverByName("GTiff").CreateCopy(str(path), mem, options=opts)
    out.FlushCache()
    out = None
    mem = None
    return levels
