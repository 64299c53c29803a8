// Affine maps between pixel (column, row) and CRS coordinates, in GDAL's geotransform order.
export type GeoTransform = [number, number, number, number, number, number];

export function applyGeoTransform(gt: GeoTransform, x: number, y: number): [number, number] {
  return [gt[0] + x * gt[1] + y * gt[2], gt[3] + x * gt[4] + y * gt[5]];
}

export function invertGeoTransform(gt: GeoTransform): GeoTransform {
  const det = gt[1] * gt[5] - gt[2] * gt[4];
  if (!Number.isFinite(det) || det === 0) throw new Error('geotransform is not invertible (zero pixel size)');
  const a = gt[5] / det;
  const b = -gt[2] / det;
  const d = -gt[4] / det;
  const e = gt[1] / det;
  return [-(a * gt[0] + b * gt[3]), a, b, -(d * gt[0] + e * gt[3]), d, e];
}

/** Geotransform from the GeoTIFF tags; null when the file carries no georeferencing. */
export function geoTransformFromTags(
  tiepoint: ArrayLike<number> | undefined,
  pixelScale: ArrayLike<number> | undefined,
  transformation: ArrayLike<number> | undefined,
  pixelIsPoint: boolean,
): GeoTransform | null {
  let gt: GeoTransform | null = null;
  if (transformation && transformation.length >= 16) {
    const m = transformation;
    gt = [m[3], m[0], m[1], m[7], m[4], m[5]];
  } else if (tiepoint && tiepoint.length >= 6 && pixelScale && pixelScale.length >= 2) {
    const [i, j, , X, Y] = [tiepoint[0], tiepoint[1], tiepoint[2], tiepoint[3], tiepoint[4]];
    const sx = pixelScale[0];
    const sy = pixelScale[1];
    gt = [X - i * sx, sx, 0, Y + j * sy, 0, -sy];
  }
  if (!gt || gt[1] === 0 || gt[5] === 0 || gt.some((v) => !Number.isFinite(v))) return null;
  if (pixelIsPoint) {
    // GDAL's convention: a PixelIsPoint tie point names the pixel centre, so shift by half a pixel.
    gt = [gt[0] - 0.5 * gt[1] - 0.5 * gt[2], gt[1], gt[2], gt[3] - 0.5 * gt[4] - 0.5 * gt[5], gt[4], gt[5]];
  }
  return gt;
}
