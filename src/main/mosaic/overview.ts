/**
 * Index of the level to read for a given output sampling: the coarsest level that still has at
 * least the needed detail, as GDAL does. `levelScales` are full-resolution pixels per level pixel,
 * ascending (1 first); `sourcePixelsPerOutputPixel` is the full-resolution footprint of one output pixel.
 */
export function chooseOverview(levelScales: readonly number[], sourcePixelsPerOutputPixel: number): number {
  // A little slack so that a request at exactly an overview's scale, give or take rounding, uses it.
  const limit = sourcePixelsPerOutputPixel * 1.01;
  let best = 0;
  for (let i = 1; i < levelScales.length; i++) {
    if (levelScales[i] <= limit) best = i;
  }
  return best;
}
