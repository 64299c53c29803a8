import type { CrsBounds, MosaicView } from './mosaic-view';

/**
 * The CRS rectangle of a square chip of sizePx × gsdM ground metres centred on a lon/lat.
 * North-up, so a chip pixel maps linearly into these bounds.
 */
export function chipBounds(
  mosaic: Pick<MosaicView, 'lonLatToCrs' | 'metresToCrsUnits' | 'metresToCrsUnitsXY'>,
  centre: { lon: number; lat: number },
  sizePx: number,
  gsdM: number,
): CrsBounds {
  if (!(sizePx > 0) || !(gsdM > 0)) throw new Error(`chip size ${sizePx} px at ${gsdM} m/px is not a valid chip`);
  const [X, Y] = mosaic.lonLatToCrs(centre.lon, centre.lat);
  const [east, north] = mosaic.metresToCrsUnitsXY?.(X, Y) ?? [mosaic.metresToCrsUnits(X, Y), mosaic.metresToCrsUnits(X, Y)];
  const halfM = (sizePx * gsdM) / 2;
  return [X - halfM * east, Y - halfM * north, X + halfM * east, Y + halfM * north];
}
