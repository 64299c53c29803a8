import type { Box } from '../model';
import type { CrsBounds, MosaicView } from './mosaic-view';

/** Chip pixel → CRS: linear in the chip's north-up bounds (row 0 is the northern edge). */
export function chipPxToCrs(bounds: CrsBounds, sizePx: number, x: number, y: number): [number, number] {
  const [minX, minY, maxX, maxY] = bounds;
  return [minX + (x / sizePx) * (maxX - minX), maxY - (y / sizePx) * (maxY - minY)];
}

/**
 * A chip-pixel box as a closed lon/lat ring. Counter-clockwise (SW, SE, NE, NW, SW), as
 * RFC 7946 wants exterior rings; each corner is projected on its own, so the ring follows
 * the CRS's slight rotation against true north.
 */
export function boxToLonLatRing(mosaic: Pick<MosaicView, 'crsToLonLat'>, bounds: CrsBounds, sizePx: number, box: Box): [number, number][] {
  const [x1, y1, x2, y2] = box;
  const left = Math.min(x1, x2), right = Math.max(x1, x2), top = Math.min(y1, y2), bottom = Math.max(y1, y2);
  const corners: [number, number][] = [[left, bottom], [right, bottom], [right, top], [left, top]];
  const ring = corners.map(([x, y]) => {
    const [X, Y] = chipPxToCrs(bounds, sizePx, x, y);
    return mosaic.crsToLonLat(X, Y);
  });
  ring.push([ring[0]![0], ring[0]![1]]);
  return ring;
}

/** [west, south, east, north] in lon/lat that encloses the chip (for a map image overlay). */
export function boundsToLonLat(mosaic: Pick<MosaicView, 'crsToLonLat'>, bounds: CrsBounds): [number, number, number, number] {
  const [minX, minY, maxX, maxY] = bounds;
  const corners = [mosaic.crsToLonLat(minX, minY), mosaic.crsToLonLat(maxX, minY), mosaic.crsToLonLat(maxX, maxY), mosaic.crsToLonLat(minX, maxY)];
  const lons = corners.map((c) => c[0]);
  const lats = corners.map((c) => c[1]);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}
